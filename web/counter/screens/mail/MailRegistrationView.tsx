import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ErrorAlert, TextField } from '../../../shared/components';
import { useLanguage } from '../../../shared/i18n/useLanguage';
import { type CertificateLine, newIdempotencyKey, type PersonCard } from '../../api/counter';
import { registerMailRequest } from '../../api/mail';
import { parseYen } from '../../certificateForm';
import { ErrorSummary, type FieldErrors } from '../../ErrorSummary';
import { formatYen, todayInJapan } from '../../format';
import { parseTypedDate } from '../../japaneseDate';
import { LineFormView } from '../issue/LineFormView';
import { PersonCardView } from '../issue/PersonCardView';
import { PersonSearch } from '../issue/PersonSearch';
import { type RequesterFacts, RequesterForm } from '../issue/RequesterForm';

type Field =
  | 'receivedOn'
  | 'address'
  | 'postalCode'
  | 'returnName'
  | 'returnAddress'
  | 'returnPostalCode'
  | 'enclosed'
  | 'items';

const IDS: Record<Field, string> = {
  receivedOn: 'mail-received-on',
  address: 'mail-address',
  postalCode: 'mail-postal-code',
  returnName: 'mail-return-name',
  returnAddress: 'mail-return-address',
  returnPostalCode: 'mail-return-postal-code',
  enclosed: 'mail-enclosed',
  items: 'mail-items',
};

/** 〒123-4567 as typed (full-width, with or without the hyphen) → 1234567, or undefined. */
export function parsePostalCode(text: string): string | undefined | null {
  const digits = text.normalize('NFKC').replace(/[〒\s-]/g, '');
  if (!digits) return undefined;
  return /^\d{7}$/.test(digits) ? digits : null;
}

/**
 * Registering a letter as it is opened: whose certificate, who wrote and in
 * what relation, the copy of their ID, the return envelope, the 定額小為替
 * enclosed, and each certificate asked for. Nothing is decided yet: the check
 * comes next.
 */
export function MailRegistrationView({
  onRegistered,
  onCancel,
}: {
  onRegistered: (requestId: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [person, setPerson] = useState<PersonCard | undefined>();
  const [facts, setFacts] = useState<RequesterFacts | undefined>();
  const [searching, setSearching] = useState(true);
  const [items, setItems] = useState<{ id: number; line: CertificateLine; label: string }[]>([]);
  const nextItemId = useRef(1);
  const [receivedOn, setReceivedOn] = useState(() => todayInJapan());
  const [postalCode, setPostalCode] = useState('');
  const [address, setAddress] = useState('');
  const [phone, setPhone] = useState('');
  const [sameReturn, setSameReturn] = useState(true);
  const [returnName, setReturnName] = useState('');
  const [returnPostalCode, setReturnPostalCode] = useState('');
  const [returnAddress, setReturnAddress] = useState('');
  const [returnLine2, setReturnLine2] = useState('');
  const [enclosed, setEnclosed] = useState('');
  const [enclosedNote, setEnclosedNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey('mail'));
  const summary = useRef<HTMLDivElement>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);

  const errorCount = Object.keys(errors).length;
  useEffect(() => {
    if (errorCount > 0) summary.current?.focus();
  }, [errorCount]);

  const stage = !person || searching ? 'person' : !facts ? 'requester' : 'letter';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the stage is the trigger.
  useEffect(() => {
    stepHeading.current?.focus();
  }, [stage]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !facts) return;
    const found: FieldErrors<Field> = {};
    const received = parseTypedDate(receivedOn);
    if (!received) found.receivedOn = t('counter.mail.errors.receivedOn');
    if (!address.trim()) found.address = t('counter.mail.errors.address');
    const postal = parsePostalCode(postalCode);
    if (postal === null) found.postalCode = t('counter.mail.errors.postalCode');
    const returnPostal = sameReturn ? postal : parsePostalCode(returnPostalCode);
    if (!sameReturn) {
      if (!returnName.trim()) found.returnName = t('counter.mail.errors.returnName');
      if (!returnAddress.trim()) found.returnAddress = t('counter.mail.errors.returnAddress');
      if (returnPostal === null) found.returnPostalCode = t('counter.mail.errors.postalCode');
    }
    const amount = enclosed.trim() ? parseYen(enclosed) : 0;
    if (amount === undefined) found.enclosed = t('counter.mail.errors.enclosed');
    if (items.length === 0) found.items = t('counter.mail.errors.items');
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0 || !received || amount === undefined) return;
    setBusy(true);
    try {
      const registered = await registerMailRequest({
        idempotencyKey: key.current,
        receivedOn: received,
        requester: {
          name: facts.name,
          ...(postal ? { postalCode: postal } : {}),
          address: address.trim(),
          ...(phone.trim() ? { phone: phone.trim() } : {}),
          ...(facts.residentId !== undefined ? { residentId: facts.residentId } : {}),
          identityDocument: facts.identityDocument,
        },
        returnAddress: sameReturn
          ? { name: facts.name, address: address.trim(), ...(postal ? { postalCode: postal } : {}) }
          : {
              name: returnName.trim(),
              address: returnAddress.trim(),
              ...(returnLine2.trim() ? { addressLine2: returnLine2.trim() } : {}),
              ...(returnPostal ? { postalCode: returnPostal } : {}),
            },
        enclosed: amount,
        ...(enclosedNote.trim() ? { enclosedNote: enclosedNote.trim() } : {}),
        items: items.map((item) => item.line),
      });
      onRegistered(registered.requestId);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="mail-step">
      {stage === 'person' && (
        <>
          <h2 id="mail-step" ref={stepHeading} tabIndex={-1} className="mg-section-title">
            {t('counter.mail.registerPerson')}
          </h2>
          <p>{t('counter.mail.registerPersonLead')}</p>
          <PersonSearch
            purpose={t('counter.mail.purpose')}
            idPrefix="mail-person"
            onChosen={(card) => {
              setPerson(card);
              setSearching(false);
            }}
          />
          <div className="mg-actions">
            <Button variant="tertiary" onClick={facts ? () => setSearching(false) : onCancel}>
              {facts ? t('counter.issue.backToVisit') : t('counter.staff.cancel')}
            </Button>
          </div>
        </>
      )}
      {stage === 'requester' && person && (
        <>
          <h2 id="mail-step" ref={stepHeading} tabIndex={-1} className="mg-section-title">
            {t('counter.mail.registerRequester')}
          </h2>
          <PersonCardView person={person} />
          <div className="mg-card console-section">
            <RequesterForm
              person={person}
              mode="mail"
              onConfirmed={async (confirmed) => setFacts(confirmed)}
            />
          </div>
        </>
      )}
      {stage === 'letter' && person && facts && (
        <>
          <h2 id="mail-step" ref={stepHeading} tabIndex={-1} className="mg-section-title">
            {t('counter.mail.registerLetter')}
          </h2>
          <PersonCardView person={person} compact />
          <div className="mg-card console-section">
            <LineFormView
              key={person.residentId}
              person={person}
              facts={facts}
              busy={false}
              onAdd={async (line) => {
                setItems((previous) => [
                  ...previous,
                  {
                    id: nextItemId.current++,
                    line,
                    label: `${t(`counter.certificates.${line.options.certificate}`)}（${person.familyName}　${person.givenName}）`,
                  },
                ]);
                return true;
              }}
            />
          </div>
          <section className="console-section" aria-labelledby="mail-items-title" id={IDS.items}>
            <h3 id="mail-items-title" className="console-subtitle">
              {t('counter.mail.items', { number: items.length })}
            </h3>
            {items.length === 0 ? (
              <p className="console-muted">{t('counter.issue.lines.none')}</p>
            ) : (
              <ol className="console-list console-list--rows console-list--numbered" data-testid="mail-items">
                {items.map((item) => (
                  <li key={item.id}>
                    <span>
                      {item.label}　{t('counter.mail.copies', { number: item.line.copies })}
                    </span>
                    <Button
                      variant="tertiary"
                      onClick={() => setItems((previous) => previous.filter((other) => other.id !== item.id))}
                      aria-label={t('counter.mail.removeItem', { label: item.label })}
                    >
                      {t('counter.issue.lines.remove')}
                    </Button>
                  </li>
                ))}
              </ol>
            )}
            <Button variant="secondary" onClick={() => setSearching(true)}>
              {t('counter.issue.addAnotherPerson')}
            </Button>
          </section>

          <form noValidate onSubmit={submit} className="mg-card console-section">
            <h3 className="console-subtitle">{t('counter.mail.letterTitle')}</h3>
            <ErrorSummary ref={summary} title={t('counter.errorSummary')} errors={errors} fieldIds={IDS} />
            {failure !== undefined && <ErrorAlert error={failure} />}
            <div className="console-line-form__grid">
              <TextField
                id={IDS.receivedOn}
                label={t('counter.mail.receivedOn')}
                description={t('counter.mail.receivedOnDescription')}
                required
                value={receivedOn}
                onChange={(event) => setReceivedOn(event.target.value)}
                error={errors.receivedOn}
              />
              <TextField
                id={IDS.postalCode}
                label={t('counter.mail.postalCode')}
                inputMode="numeric"
                autoComplete="off"
                value={postalCode}
                onChange={(event) => setPostalCode(event.target.value)}
                error={errors.postalCode}
              />
              <TextField
                id={IDS.address}
                label={t('counter.mail.requesterAddress')}
                required
                maxLength={200}
                value={address}
                onChange={(event) => setAddress(event.target.value)}
                error={errors.address}
              />
              <TextField
                id="mail-phone"
                label={t('counter.mail.phone')}
                inputMode="tel"
                maxLength={30}
                value={phone}
                onChange={(event) => setPhone(event.target.value)}
              />
            </div>
            <label className="console-check" htmlFor="mail-same-return">
              <input
                id="mail-same-return"
                type="checkbox"
                checked={sameReturn}
                onChange={(event) => setSameReturn(event.target.checked)}
              />
              <span>{t('counter.mail.sameReturn')}</span>
            </label>
            {!sameReturn && (
              <div className="console-line-form__grid">
                <TextField
                  id={IDS.returnName}
                  label={t('counter.mail.returnName')}
                  required
                  maxLength={100}
                  value={returnName}
                  onChange={(event) => setReturnName(event.target.value)}
                  error={errors.returnName}
                />
                <TextField
                  id={IDS.returnPostalCode}
                  label={t('counter.mail.postalCode')}
                  inputMode="numeric"
                  value={returnPostalCode}
                  onChange={(event) => setReturnPostalCode(event.target.value)}
                  error={errors.returnPostalCode}
                />
                <TextField
                  id={IDS.returnAddress}
                  label={t('counter.mail.returnAddress')}
                  required
                  maxLength={200}
                  value={returnAddress}
                  onChange={(event) => setReturnAddress(event.target.value)}
                  error={errors.returnAddress}
                />
                <TextField
                  id="mail-return-line2"
                  label={t('counter.mail.returnLine2')}
                  maxLength={100}
                  value={returnLine2}
                  onChange={(event) => setReturnLine2(event.target.value)}
                />
              </div>
            )}
            <div className="console-line-form__grid">
              <TextField
                id={IDS.enclosed}
                label={t('counter.mail.enclosed')}
                description={t('counter.mail.enclosedDescription')}
                inputMode="numeric"
                className="console-yen-field"
                value={enclosed}
                onChange={(event) => setEnclosed(event.target.value)}
                error={errors.enclosed}
              />
              <TextField
                id="mail-enclosed-note"
                label={t('counter.mail.enclosedNote')}
                maxLength={200}
                value={enclosedNote}
                onChange={(event) => setEnclosedNote(event.target.value)}
              />
            </div>
            <p className="console-muted">
              {t('counter.mail.enclosedNow', { amount: formatYen(parseYen(enclosed || '0') ?? 0, lng) })}
            </p>
            <div className="mg-actions">
              <Button type="submit" size="lg" data-primary disabled={busy}>
                {t('counter.mail.submit')}
              </Button>
              <Button variant="tertiary" onClick={onCancel}>
                {t('counter.staff.cancel')}
              </Button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
