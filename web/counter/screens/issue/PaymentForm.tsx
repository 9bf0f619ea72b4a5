import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, RadioGroup, TextField } from '../../../shared/components';
import { useLanguage } from '../../../shared/i18n/useLanguage';
import { changeOf, parseYen } from '../../certificateForm';
import { formatYen } from '../../format';

export type Payment = { method: 'cash'; tendered: number } | { method: 'cashless'; reference: string };

/** お支払い: cash with the change worked out as the clerk types, or a cashless terminal's number. */
export function PaymentForm({
  total,
  blocked,
  busy,
  onPay,
}: {
  total: number;
  /** Why payment cannot start yet (a review pending), or undefined. */
  blocked: string | undefined;
  busy: boolean;
  onPay: (payment: Payment) => Promise<void>;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [method, setMethod] = useState<'cash' | 'cashless'>('cash');
  const [tendered, setTendered] = useState('');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string>();
  const change = changeOf(tendered, total);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || blocked) return;
    if (method === 'cash') {
      const amount = parseYen(tendered);
      if (amount === undefined || amount < total) {
        setError(t('counter.issue.pay.tenderedShort', { total: formatYen(total, lng) }));
        return;
      }
      setError(undefined);
      await onPay({ method: 'cash', tendered: amount });
    } else {
      if (!reference.trim()) {
        setError(t('counter.issue.pay.referenceRequired'));
        return;
      }
      setError(undefined);
      await onPay({ method: 'cashless', reference: reference.trim() });
    }
  };

  return (
    <form noValidate onSubmit={submit} className="console-payment">
      <p className="console-amount">
        <span>{t('counter.issue.pay.total')}</span>
        <strong data-testid="pay-total">{formatYen(total, lng)}</strong>
      </p>
      {blocked && <Alert tone="warning">{blocked}</Alert>}
      <RadioGroup
        id="pay-method"
        name="pay-method"
        legend={t('counter.issue.pay.method')}
        value={method}
        onChange={(value) => {
          setMethod(value as 'cash' | 'cashless');
          setError(undefined);
        }}
        options={[
          { value: 'cash', label: t('counter.issue.pay.cash') },
          {
            value: 'cashless',
            label: t('counter.issue.pay.cashless'),
            hint: t('counter.issue.pay.cashlessHint'),
          },
        ]}
      />
      {method === 'cash' ? (
        <>
          <TextField
            id="pay-tendered"
            label={t('counter.issue.pay.tendered')}
            inputMode="numeric"
            autoComplete="off"
            className="console-yen-field"
            value={tendered}
            onChange={(event) => setTendered(event.target.value)}
            error={error}
          />
          <p className="console-change" aria-live="polite">
            {change !== undefined && change >= 0
              ? t('counter.issue.pay.change', { amount: formatYen(change, lng) })
              : ''}
          </p>
        </>
      ) : (
        <TextField
          id="pay-reference"
          label={t('counter.issue.pay.reference')}
          autoComplete="off"
          maxLength={64}
          value={reference}
          onChange={(event) => setReference(event.target.value)}
          error={error}
        />
      )}
      <Button type="submit" size="lg" data-primary disabled={busy || Boolean(blocked)}>
        {busy ? t('counter.issue.pay.issuing') : t('counter.issue.pay.submit')}
      </Button>
    </form>
  );
}
