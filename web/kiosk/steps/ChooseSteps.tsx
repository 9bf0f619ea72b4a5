import { type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  ArrowLeftIcon,
  ArrowRightIcon,
  Button,
  CheckboxGroup,
  RadioGroup,
} from '../../shared/components';
import { useLanguage } from '../../shared/i18n/useLanguage';
import type { CertificateType, Menu, MenuCertificate, MenuMunicipality } from '../agent';
import {
  choosable,
  type Draft,
  type DraftProblem,
  draftProblems,
  FUHYO_ITEMS,
  juminhyoItems,
  MAX_COPIES,
  taxYears,
} from '../order';
import { CancelButton, CertificateName, KioskProblem, StepFrame, useFiscalYearLabel, useYen } from '../parts';

type Heading = RefObject<HTMLHeadingElement | null>;

function BackButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button variant="secondary" size="kiosk" icon={<ArrowLeftIcon />} onClick={onClick}>
      {t('kiosk.back')}
    </Button>
  );
}

/**
 * Where the certificate comes from: the residence, or a 本籍地 the card is
 * registered for. A person whose 本籍 is elsewhere learns here how to get
 * that town's 戸籍 (利用者登録申請).
 */
export function MunicipalityStep({
  heading,
  menu,
  error,
  busy,
  onChoose,
  onRegistration,
  onCancel,
}: {
  heading: Heading;
  menu: Menu;
  error: unknown;
  busy: boolean;
  onChoose: (municipality: MenuMunicipality) => void;
  /** The 本籍地 利用者登録申請 and the state of earlier applications. */
  onRegistration: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const places: MenuMunicipality[] = menu.municipalities ?? [
    { ...menu.municipality, residence: true, certificates: menu.certificates.map((c) => c.type) },
  ];
  return (
    <StepFrame
      heading={heading}
      screen="municipality"
      title={t('kiosk.municipality.title')}
      lead={t('kiosk.municipality.lead')}
      cancel={<CancelButton onClick={onCancel} />}
    >
      {error ? <KioskProblem error={error} /> : null}
      <ul className="kiosk-tiles kiosk-tiles--places">
        {places.map((place) => (
          <li key={place.code}>
            <button
              type="button"
              className="kiosk-tile"
              onClick={() => onChoose(place)}
              disabled={busy}
              data-municipality={place.code}
            >
              <span className="kiosk-tile__kicker">
                {place.residence ? t('kiosk.municipality.residence') : t('kiosk.municipality.honseki')}
              </span>
              <span className="kiosk-tile__name" lang="ja">
                {place.prefecture} {place.name}
              </span>
              <span className="kiosk-tile__note">
                {place.residence
                  ? t('kiosk.municipality.residenceNote')
                  : t('kiosk.municipality.honsekiNote')}
              </span>
              <ArrowRightIcon className="kiosk-tile__arrow" />
            </button>
          </li>
        ))}
      </ul>
      <Alert tone="info" title={t('kiosk.municipality.otherTitle')} className="kiosk-registration-entry">
        <p>{t('kiosk.municipality.otherBody')}</p>
        <Button
          variant="secondary"
          size="kiosk"
          className="kiosk-registration-entry__button"
          iconEnd={<ArrowRightIcon />}
          onClick={onRegistration}
          disabled={busy}
          data-action="registration"
        >
          {t('kiosk.municipality.registrationButton')}
        </Button>
      </Alert>
    </StepFrame>
  );
}

/** The certificates with today's fee; closed ones say when they open again. */
export function CertificateStep({
  heading,
  menu,
  place,
  onChoose,
  onBack,
  onCancel,
}: {
  heading: Heading;
  menu: Menu;
  place: MenuMunicipality;
  onChoose: (certificate: MenuCertificate) => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const yen = useYen();
  // The server says why the 戸籍 family is not here (the same reason on each of its tiles).
  const notHere = menu.certificates.find((c) => c.notHere)?.notHere ?? null;
  return (
    <StepFrame
      heading={heading}
      screen="certificate"
      title={t('kiosk.certificate.title')}
      lead={
        <>
          <span className="kiosk-place" lang="ja">
            {place.prefecture} {place.name}
          </span>{' '}
          {t('kiosk.certificate.lead')}
        </>
      }
      back={<BackButton onClick={onBack} />}
      cancel={<CancelButton onClick={onCancel} />}
    >
      {notHere ? (
        <Alert tone="info" title={t('kiosk.certificate.notHereTitle')} className="kiosk-not-here">
          <p data-not-here-reason={notHere}>
            {notHere === 'no_koseki'
              ? t('kiosk.certificate.noKosekiBody')
              : t('kiosk.certificate.honsekiBody')}
          </p>
        </Alert>
      ) : null}
      <ul className="kiosk-tiles kiosk-tiles--certificates">
        {menu.certificates.map((certificate) => {
          const available = choosable(certificate, menu);
          const reopens = lng === 'ja' ? certificate.reopensJa : certificate.reopensEn;
          return (
            <li key={certificate.type}>
              <button
                type="button"
                className="kiosk-tile kiosk-tile--certificate"
                disabled={!available}
                onClick={() => onChoose(certificate)}
                data-certificate={certificate.type}
                data-open={certificate.open}
              >
                <span className="kiosk-tile__name">
                  <CertificateName type={certificate.type} nameJa={certificate.nameJa} />
                </span>
                <span className="kiosk-tile__note">
                  {t(`kiosk.certificates.${certificate.type}.note` as 'kiosk.certificates.juminhyo.note')}
                </span>
                <span className="kiosk-tile__fee">
                  {available ? (
                    <>
                      <span className="kiosk-tile__fee-label">{t('kiosk.certificate.feeToday')}</span>
                      <span className="kiosk-tile__fee-amount">{yen(certificate.unitFee)}</span>
                      <span className="kiosk-tile__fee-per">{t('kiosk.certificate.perCopy')}</span>
                    </>
                  ) : certificate.notHere ? (
                    <span className="kiosk-tile__closed" data-not-here={certificate.notHere}>
                      {t('kiosk.certificate.notHere')}
                    </span>
                  ) : certificate.open ? (
                    <span className="kiosk-tile__closed">{t('kiosk.certificate.needsCounter')}</span>
                  ) : (
                    <span className="kiosk-tile__closed" data-reopens>
                      {t('kiosk.certificate.closed')}
                      {reopens && (
                        <>
                          {' '}
                          <span lang={lng === 'ja' ? 'ja' : 'en'}>{reopens}</span>
                        </>
                      )}
                    </span>
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </StepFrame>
  );
}

function CopiesControl({ copies, onChange }: { copies: number; onChange: (copies: number) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="kiosk-copies">
      <legend className="mg-field__label">{t('kiosk.options.copies')}</legend>
      <div className="kiosk-copies__row">
        <Button
          variant="secondary"
          size="kiosk"
          className="kiosk-copies__button"
          aria-label={t('kiosk.options.fewer')}
          disabled={copies <= 1}
          onClick={() => onChange(copies - 1)}
          data-action="copies-down"
        >
          −
        </Button>
        <output className="kiosk-copies__value" aria-live="polite" data-copies={copies}>
          {t('kiosk.options.copiesValue', { count: copies })}
        </output>
        <Button
          variant="secondary"
          size="kiosk"
          className="kiosk-copies__button"
          aria-label={t('kiosk.options.more')}
          disabled={copies >= MAX_COPIES}
          onClick={() => onChange(copies + 1)}
          data-action="copies-up"
        >
          ＋
        </Button>
      </div>
      <p className="mg-field__description">{t('kiosk.options.copiesMax', { max: MAX_COPIES })}</p>
    </fieldset>
  );
}

/** Who is on it, what it shows, how many copies: only what this certificate asks. */
export function OptionsStep({
  heading,
  menu,
  certificate,
  draft,
  now,
  error,
  busy,
  onChange,
  onNext,
  onBack,
  onCancel,
}: {
  heading: Heading;
  menu: Menu;
  certificate: MenuCertificate;
  draft: Draft;
  now: Date;
  error: unknown;
  busy: boolean;
  onChange: (draft: Draft) => void;
  onNext: () => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const fiscalYearLabel = useFiscalYearLabel();
  // Missing choices are pointed out when the person tries to go on, not before they had a chance.
  const [attempted, setAttempted] = useState(false);
  const type: CertificateType = certificate.type;
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const problems = draftProblems(type, draft);
  const problem = (which: DraftProblem) =>
    attempted && problems.includes(which) ? t(`kiosk.options.problems.${which}`) : undefined;
  // The relationship is registered data in Japanese; "you" is in the reader's language.
  const relation = (relationship: string, self: boolean) => (
    <>
      <span lang="ja">{relationship}</span>
      {self && <span className="kiosk-you">{t('kiosk.options.you')}</span>}
    </>
  );
  const members = menu.household.map((member) => ({
    value: String(member.residentId),
    label: displayName(member.familyName, member.givenName),
    hint: relation(member.relationship, member.self),
    lang: 'ja',
  }));
  const registerMembers = (menu.register?.members ?? []).map((member) => ({
    value: String(member.memberNo),
    label: displayName(member.familyName, member.givenName),
    hint: relation(member.relationship, member.self),
    lang: 'ja',
  }));
  const itemOption = (item: string) => ({
    value: item,
    label: t(`kiosk.items.${item}` as 'kiosk.items.name'),
  });
  const next = () => {
    if (problems.length > 0) {
      setAttempted(true);
      // Straight to the first thing to fix.
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.kiosk-options .mg-field--invalid input')?.focus(),
      );
      return;
    }
    onNext();
  };
  const residentRegister = type === 'juminhyo' || type === 'juminhyo-kisai';

  return (
    <StepFrame
      heading={heading}
      screen="options"
      title={t('kiosk.options.title')}
      lead={<CertificateName type={type} nameJa={certificate.nameJa} />}
      className="kiosk-options"
      back={<BackButton onClick={onBack} />}
      cancel={<CancelButton onClick={onCancel} />}
      next={
        <Button
          variant="primary"
          size="kiosk"
          iconEnd={<ArrowRightIcon />}
          disabled={busy}
          onClick={next}
          data-action="to-confirm"
        >
          {t('kiosk.toConfirm')}
        </Button>
      }
    >
      {error ? <KioskProblem error={error} /> : null}
      <div className="kiosk-options__grid">
        <div className="kiosk-options__main">
          {type === 'juminhyo' && (
            <>
              <RadioGroup
                name="scope"
                size="kiosk"
                legend={t('kiosk.options.scope')}
                value={draft.scope}
                onChange={(value) => set({ scope: value as Draft['scope'] })}
                options={[
                  {
                    value: 'whole',
                    label: t('kiosk.options.household'),
                    hint: t('kiosk.options.householdHint'),
                  },
                  {
                    value: 'members',
                    label: t('kiosk.options.someMembers'),
                    hint: t('kiosk.options.someMembersHint'),
                  },
                ]}
              />
              {draft.scope === 'members' && (
                <CheckboxGroup
                  name="members"
                  size="kiosk"
                  required
                  legend={t('kiosk.options.whichMembers')}
                  options={members}
                  values={draft.residentIds.map(String)}
                  onChange={(values) => set({ residentIds: values.map(Number) })}
                  error={problem('members')}
                />
              )}
            </>
          )}
          {type === 'juminhyo-kisai' && (
            <CheckboxGroup
              name="members"
              size="kiosk"
              required
              legend={t('kiosk.options.whichMembers')}
              options={members}
              values={draft.residentIds.map(String)}
              onChange={(values) => set({ residentIds: values.map(Number) })}
              error={problem('members')}
            />
          )}
          {type === 'koseki-kojin' && (
            <RadioGroup
              name="member"
              size="kiosk"
              legend={t('kiosk.options.whichPerson')}
              value={draft.memberNo === null ? undefined : String(draft.memberNo)}
              onChange={(value) => set({ memberNo: Number(value) })}
              options={registerMembers.map((member) => ({
                value: member.value,
                label: <span lang="ja">{member.label}</span>,
                hint: member.hint,
              }))}
              error={problem('member')}
            />
          )}
          {type === 'fuhyo' && (
            <>
              <RadioGroup
                name="scope"
                size="kiosk"
                legend={t('kiosk.options.scope')}
                value={draft.scope}
                onChange={(value) => set({ scope: value as Draft['scope'] })}
                options={[
                  {
                    value: 'whole',
                    label: t('kiosk.options.register'),
                    hint: t('kiosk.options.registerHint'),
                  },
                  ...(registerMembers.length
                    ? [
                        {
                          value: 'members',
                          label: t('kiosk.options.someMembers'),
                          hint: t('kiosk.options.someMembersHint'),
                        },
                      ]
                    : []),
                ]}
              />
              {draft.scope === 'members' && (
                <CheckboxGroup
                  name="members"
                  size="kiosk"
                  required
                  legend={t('kiosk.options.whichMembers')}
                  options={registerMembers}
                  values={draft.memberNos.map(String)}
                  onChange={(values) => set({ memberNos: values.map(Number) })}
                  error={problem('members')}
                />
              )}
            </>
          )}
          {type === 'kazei' && (
            <RadioGroup
              name="taxYear"
              size="kiosk"
              legend={t('kiosk.options.taxYear')}
              description={t('kiosk.options.taxYearHint')}
              value={draft.taxYear === null ? undefined : String(draft.taxYear)}
              onChange={(value) => set({ taxYear: Number(value) })}
              options={taxYears(now).map((year) => ({ value: String(year), label: fiscalYearLabel(year) }))}
              error={problem('taxYear')}
            />
          )}
          {(type === 'inkan' || type === 'koseki-zenbu') && (
            <Alert tone="info">
              <p>{t(`kiosk.certificates.${type}.detail`)}</p>
            </Alert>
          )}
        </div>
        <div className="kiosk-options__side">
          {type === 'juminhyo' && (
            <CheckboxGroup
              name="include"
              size="kiosk"
              legend={t('kiosk.options.include')}
              description={t('kiosk.options.includeHint')}
              options={juminhyoItems(certificate).map(itemOption)}
              values={draft.include}
              onChange={(values) => set({ include: values })}
            />
          )}
          {type === 'juminhyo-kisai' && (
            <CheckboxGroup
              name="items"
              size="kiosk"
              required
              className="kiosk-options__items"
              legend={t('kiosk.options.items')}
              description={t('kiosk.options.itemsHint')}
              options={certificate.items.map(itemOption)}
              values={draft.items}
              onChange={(values) => set({ items: values })}
              error={problem('items')}
            />
          )}
          {type === 'fuhyo' && (
            <CheckboxGroup
              name="include"
              size="kiosk"
              legend={t('kiosk.options.include')}
              description={t('kiosk.options.includeHint')}
              options={FUHYO_ITEMS.map(itemOption)}
              values={draft.include}
              onChange={(values) => set({ include: values })}
            />
          )}
        </div>
        <div className="kiosk-options__copies">
          <CopiesControl copies={draft.copies} onChange={(copies) => set({ copies })} />
          {residentRegister && (
            <Alert tone="warning" title={t('kiosk.options.notPrintedTitle')}>
              <p>{t('kiosk.options.notPrinted')}</p>
            </Alert>
          )}
        </div>
      </div>
    </StepFrame>
  );
}

/** A name as registered; Japanese names get the full-width space between family and given name. */
function displayName(familyName: string, givenName: string): string {
  return /^[\p{Script=Latin}]/u.test(familyName)
    ? `${familyName} ${givenName}`
    : `${familyName}　${givenName}`;
}
