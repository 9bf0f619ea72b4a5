import { type RefObject, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, ArrowLeftIcon, Button } from '../../shared/components';
import {
  type AgentState,
  agent,
  type Menu,
  type MenuCertificate,
  type MenuMunicipality,
  type Quote,
} from '../agent';
import { usePolling } from '../hooks';
import type { Draft } from '../order';
import { CancelButton, CertificateName, KioskProblem, StepFrame, useFiscalYearLabel, useYen } from '../parts';

type Heading = RefObject<HTMLHeadingElement | null>;

/** One line per choice the resident made, in their language (names stay as registered). */
function OrderSummary({
  menu,
  place,
  certificate,
  draft,
}: {
  menu: Menu;
  place: MenuMunicipality;
  certificate: MenuCertificate;
  draft: Draft;
}) {
  const { t } = useTranslation();
  const fiscalYearLabel = useFiscalYearLabel();
  const type = certificate.type;
  const name = (familyName: string, givenName: string) => `${familyName}　${givenName}`;
  const people = (() => {
    if (type === 'juminhyo' && draft.scope === 'whole') return t('kiosk.options.household');
    if (type === 'juminhyo' || type === 'juminhyo-kisai')
      return menu.household
        .filter((m) => draft.residentIds.includes(m.residentId))
        .map((m) => name(m.familyName, m.givenName))
        .join('、');
    if (type === 'fuhyo' && draft.scope === 'whole') return t('kiosk.options.register');
    if (type === 'fuhyo')
      return (menu.register?.members ?? [])
        .filter((m) => draft.memberNos.includes(m.memberNo))
        .map((m) => name(m.familyName, m.givenName))
        .join('、');
    if (type === 'koseki-kojin') {
      const person = menu.register?.members.find((m) => m.memberNo === draft.memberNo);
      return person ? name(person.familyName, person.givenName) : '';
    }
    return null;
  })();
  const items = type === 'juminhyo-kisai' ? draft.items : draft.include;
  return (
    <dl className="kiosk-summary">
      <div>
        <dt>{t('kiosk.confirm.municipality')}</dt>
        <dd lang="ja">
          {place.prefecture} {place.name}
        </dd>
      </div>
      <div>
        <dt>{t('kiosk.confirm.certificate')}</dt>
        <dd>
          <CertificateName type={type} nameJa={certificate.nameJa} />
        </dd>
      </div>
      {people !== null && (
        <div>
          <dt>{t('kiosk.confirm.people')}</dt>
          <dd lang={people.includes('　') ? 'ja' : undefined}>{people}</dd>
        </div>
      )}
      {(type === 'juminhyo' || type === 'juminhyo-kisai' || type === 'fuhyo') && (
        <div>
          <dt>{type === 'juminhyo-kisai' ? t('kiosk.options.items') : t('kiosk.confirm.items')}</dt>
          <dd>
            {items.length
              ? items.map((item) => t(`kiosk.items.${item}` as 'kiosk.items.name')).join('、')
              : t('kiosk.confirm.noItems')}
          </dd>
        </div>
      )}
      {type === 'kazei' && draft.taxYear !== null && (
        <div>
          <dt>{t('kiosk.options.taxYear')}</dt>
          <dd>{fiscalYearLabel(draft.taxYear)}</dd>
        </div>
      )}
    </dl>
  );
}

export function ConfirmStep({
  heading,
  menu,
  place,
  certificate,
  draft,
  quote,
  error,
  busy,
  notice,
  onPay,
  onBack,
  onCancel,
}: {
  heading: Heading;
  menu: Menu;
  place: MenuMunicipality;
  certificate: MenuCertificate;
  draft: Draft;
  quote: Quote;
  error: unknown;
  busy: boolean;
  /** Money that just came back from an abandoned payment. */
  notice: number;
  onPay: () => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const yen = useYen();
  return (
    <StepFrame
      heading={heading}
      screen="confirm"
      title={t('kiosk.confirm.title')}
      lead={t('kiosk.confirm.lead')}
      back={
        <Button variant="secondary" size="kiosk" icon={<ArrowLeftIcon />} onClick={onBack}>
          {t('kiosk.confirm.change')}
        </Button>
      }
      cancel={<CancelButton onClick={onCancel} />}
      next={
        <Button variant="primary" size="kiosk" onClick={onPay} disabled={busy} data-action="to-payment">
          {t('kiosk.confirm.pay')}
        </Button>
      }
    >
      {notice > 0 && (
        <Alert tone="info" live="polite">
          <p>{t('kiosk.cashReturned', { amount: yen(notice) })}</p>
        </Alert>
      )}
      {error ? <KioskProblem error={error} /> : null}
      <div className="kiosk-confirm">
        <OrderSummary menu={menu} place={place} certificate={certificate} draft={draft} />
        <table className="kiosk-fee">
          <caption>{t('kiosk.confirm.feeTitle')}</caption>
          <tbody>
            <tr>
              <th scope="row">{t('kiosk.confirm.unitFee')}</th>
              <td>{yen(quote.unitFee)}</td>
            </tr>
            <tr>
              <th scope="row">{t('kiosk.options.copies')}</th>
              <td>{t('kiosk.options.copiesValue', { count: quote.copies })}</td>
            </tr>
            <tr className="kiosk-fee__total">
              <th scope="row">{t('kiosk.confirm.total')}</th>
              <td data-total={quote.total}>{yen(quote.total)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </StepFrame>
  );
}

/**
 * Cash: what is due, what is in, what is missing. The print starts only when
 * the resident presses the button (the machine never takes money for a
 * certificate the resident has not asked to print), and the button works once.
 */
export function PaymentStep({
  heading,
  due,
  denominations,
  error,
  onPrint,
  onBack,
  onCancel,
  onCash,
}: {
  heading: Heading;
  due: number;
  /** The simulated cash unit's coin and note buttons (demo and tests); empty with a real unit. */
  denominations: number[];
  error: unknown;
  onPrint: () => void;
  onBack: () => void;
  onCancel: () => void;
  /** Money arrived: the screen is in use even without a touch. */
  onCash: () => void;
}) {
  const { t } = useTranslation();
  const yen = useYen();
  const [state, setState] = useState<AgentState | null>(null);
  const [insertError, setInsertError] = useState<unknown>(null);
  const [pressed, setPressed] = useState(false);
  const seen = useRef(0);
  usePolling(
    async () => {
      const next = await agent.state();
      // Money put in through the slot counts as someone being there.
      if (next.payment && next.payment.inserted > seen.current) onCash();
      seen.current = next.payment?.inserted ?? seen.current;
      setState(next);
    },
    400,
    true,
  );
  const payment = state?.payment ?? { due, inserted: 0, remaining: due, accepting: true };
  const enough = payment.inserted >= payment.due;
  return (
    <StepFrame
      heading={heading}
      screen="payment"
      title={t('kiosk.payment.title')}
      lead={t('kiosk.payment.lead')}
      className="kiosk-payment"
      back={
        <Button variant="secondary" size="kiosk" icon={<ArrowLeftIcon />} onClick={onBack} disabled={pressed}>
          {t('kiosk.back')}
        </Button>
      }
      cancel={<CancelButton onClick={onCancel} />}
      next={
        <Button
          variant="primary"
          size="kiosk"
          disabled={!enough || pressed}
          onClick={() => {
            // One press, one certificate: the button goes before the request does.
            setPressed(true);
            onPrint();
          }}
          data-action="print"
        >
          {t('kiosk.payment.print')}
        </Button>
      }
    >
      {error ? <KioskProblem error={error} /> : null}
      <div className="kiosk-payment__layout">
        <dl className="kiosk-cash" aria-live="polite">
          <div className="kiosk-cash__row">
            <dt>{t('kiosk.payment.due')}</dt>
            <dd data-due={payment.due}>{yen(payment.due)}</dd>
          </div>
          <div className="kiosk-cash__row">
            <dt>{t('kiosk.payment.inserted')}</dt>
            <dd data-inserted={payment.inserted}>{yen(payment.inserted)}</dd>
          </div>
          <div className="kiosk-cash__row kiosk-cash__row--strong">
            <dt>{enough ? t('kiosk.payment.change') : t('kiosk.payment.remaining')}</dt>
            <dd data-remaining={payment.remaining}>
              {yen(enough ? payment.inserted - payment.due : payment.remaining)}
            </dd>
          </div>
        </dl>
        <div className="kiosk-payment__side">
          <p className="kiosk-payment__status" role="status">
            {enough ? t('kiosk.payment.enough') : t('kiosk.payment.insert')}
          </p>
          <ul className="kiosk-payment__hints">
            <li>{t('kiosk.payment.accepted')}</li>
            <li>{t('kiosk.payment.changeHint')}</li>
          </ul>
        </div>
      </div>
      {denominations.length > 0 && (
        <section className="kiosk-sim" aria-labelledby="kiosk-sim-cash">
          <h2 id="kiosk-sim-cash" className="kiosk-sim__title">
            <span className="kiosk-sim__badge">{t('kiosk.sim.badge')}</span>
            {t('kiosk.sim.cashTitle')}
          </h2>
          {insertError ? <KioskProblem error={insertError} /> : null}
          <ul className="kiosk-sim__coins">
            {denominations.map((yenValue) => (
              <li key={yenValue}>
                <Button
                  variant="secondary"
                  size="kiosk"
                  className={yenValue >= 1000 ? 'kiosk-sim__note' : 'kiosk-sim__coin'}
                  disabled={!payment.accepting || pressed}
                  data-yen={yenValue}
                  aria-label={t('kiosk.sim.insert', { amount: yen(yenValue) })}
                  onClick={async () => {
                    setInsertError(null);
                    try {
                      setState(await agent.simulator.insertCash(yenValue));
                      onCash();
                    } catch (failure) {
                      setInsertError(failure);
                    }
                  }}
                >
                  {yen(yenValue)}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </StepFrame>
  );
}
