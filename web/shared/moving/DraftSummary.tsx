/**
 * The questionnaire as a reader checks it: on the phone before the QR code,
 * at the counter beside the register, and on the tablet before signing. Names
 * and addresses are shown exactly as written, never translated.
 */
import { useTranslation } from 'react-i18next';
import { Button } from '../components';
import { useLanguage } from '../i18n/useLanguage';
import {
  type Address,
  type DraftContent,
  formatPostalCode,
  fullName,
  type MoveKind,
  type Mover,
  needsRemainingHead,
  type StepId,
} from './content';
import { formatIsoDate } from './dates';
import { useRelationshipLabel } from './Questionnaire';

export { formatIsoDate, formatMoment } from './dates';

export function AddressText({ address }: { address: Address | null | undefined }) {
  if (!address) return <span>—</span>;
  return (
    <span className="moving-address">
      {address.country && <span className="moving-address__line">{address.country}</span>}
      {address.postalCode && (
        <span className="moving-address__line">{formatPostalCode(address.postalCode)}</span>
      )}
      <span className="moving-address__line">{address.address}</span>
      {address.katagaki && <span className="moving-address__line">{address.katagaki}</span>}
    </span>
  );
}

export type SummaryMover = Pick<
  Mover,
  'familyName' | 'givenName' | 'familyNameKana' | 'givenNameKana' | 'birthDate' | 'sex' | 'relationship'
> &
  Partial<Mover>;

export interface SummaryContent extends Omit<DraftContent, 'movers'> {
  movers: SummaryMover[];
}

interface DraftSummaryProps {
  kind: MoveKind;
  content: SummaryContent;
  /** Offers 「修正する」 per section (the phone's review step). */
  onEdit?: (step: StepId) => void;
  /** h2 on its own page, h3 inside a section. */
  headingLevel?: 2 | 3;
  /** The tablet leaves out what the resident is not asked to confirm (insurance, school…). */
  compact?: boolean;
}

function Section({
  title,
  step,
  onEdit,
  level,
  children,
}: {
  title: string;
  step: StepId;
  onEdit: ((step: StepId) => void) | undefined;
  level: 2 | 3;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className="moving-summary__section">
      <div className="moving-summary__head">
        <Heading className="moving-summary__title">{title}</Heading>
        {onEdit && (
          <Button
            variant="tertiary"
            onClick={() => onEdit(step)}
            aria-label={t('moving.review.editSection', { section: title })}
          >
            {t('moving.review.edit')}
          </Button>
        )}
      </div>
      {children}
    </section>
  );
}

export function DraftSummary({ kind, content, onEdit, headingLevel = 2, compact }: DraftSummaryProps) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const relationshipLabel = useRelationshipLabel();
  const yes = (value: boolean | undefined) =>
    value === undefined ? t('moving.review.notAnswered') : value ? t('moving.yes') : t('moving.no');
  const household = content.household;
  const level = headingLevel;
  return (
    <div className="moving-summary">
      <Section title={t('moving.steps.when')} step="when" onEdit={onEdit} level={level}>
        <dl className="moving-dl">
          <dt>{t(`moving.when.moveDate.${kind}`)}</dt>
          <dd>{content.moveDate ? formatIsoDate(content.moveDate, lng) : t('moving.review.notAnswered')}</dd>
          {kind !== 'tenkyo' && content.moveType && (
            <>
              <dt>{t(`moving.when.moveType.${kind}`)}</dt>
              <dd>{t(`moving.when.${content.moveType}.${kind}`)}</dd>
            </>
          )}
        </dl>
      </Section>
      <Section title={t('moving.steps.addresses')} step="addresses" onEdit={onEdit} level={level}>
        <dl className="moving-dl">
          <dt>{t(`moving.addresses.from.${kind}`)}</dt>
          <dd>
            <AddressText address={content.from} />
          </dd>
          <dt>{t(`moving.addresses.to.${kind}`)}</dt>
          <dd>
            <AddressText address={content.to} />
          </dd>
        </dl>
      </Section>
      <Section title={t('moving.steps.people')} step="people" onEdit={onEdit} level={level}>
        {kind !== 'tennyu' && (
          <p className="moving-summary__note">
            {content.wholeHousehold === undefined
              ? t('moving.review.notAnswered')
              : content.wholeHousehold
                ? t('moving.people.wholeYes')
                : t('moving.people.wholeNo')}
          </p>
        )}
        <ol className="moving-people-list">
          {content.movers.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: positions are the movers' identity.
            <li key={i} className="moving-people-list__item">
              <p className="moving-people-list__name">
                <span className="moving-people-list__kana">
                  {[m.familyNameKana, m.givenNameKana].filter(Boolean).join('　')}
                </span>
                <span>{fullName(m) || t('moving.people.person', { n: i + 1 })}</span>
              </p>
              <dl className="moving-dl moving-dl--inline">
                <dt>{t('moving.people.birthDate')}</dt>
                <dd>{formatIsoDate(m.birthDate, lng)}</dd>
                <dt>{t('moving.people.sex')}</dt>
                <dd>{m.sex === 'F' ? t('moving.people.sexF') : t('moving.people.sexM')}</dd>
                <dt>{t('moving.people.relationshipShort')}</dt>
                <dd>{relationshipLabel(m.relationship)}</dd>
                {m.myNumber && (
                  <>
                    <dt>{t('moving.people.myNumber')}</dt>
                    <dd>{m.myNumber}</dd>
                  </>
                )}
                {!compact && m.nationality && (
                  <>
                    <dt>{t('moving.people.nationality')}</dt>
                    <dd>{m.nationality}</dd>
                  </>
                )}
                {!compact && m.honseki && (
                  <>
                    <dt>{t('moving.people.honseki')}</dt>
                    <dd>{m.honseki}</dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ol>
      </Section>
      {(kind !== 'tenshutsu' || needsRemainingHead(kind, content as DraftContent)) && household && (
        <Section title={t('moving.steps.household')} step="household" onEdit={onEdit} level={level}>
          <dl className="moving-dl">
            {kind !== 'tenshutsu' && (
              <>
                <dt>{t('moving.household.arrangement')}</dt>
                <dd>{t(`moving.household.${household.arrangement}`)}</dd>
              </>
            )}
            {household.arrangement === 'join' && household.joinHead && (
              <>
                <dt>{t('moving.household.joinHead')}</dt>
                <dd>
                  {fullName(household.joinHead)}（{formatIsoDate(household.joinHead.birthDate, lng)}）
                </dd>
              </>
            )}
            {household.remainingHead && (
              <>
                <dt>{t('moving.household.remainingHead')}</dt>
                <dd>
                  {fullName(household.remainingHead)}（{formatIsoDate(household.remainingHead.birthDate, lng)}
                  ）
                </dd>
              </>
            )}
          </dl>
        </Section>
      )}
      {!compact && (
        <Section title={t('moving.steps.life')} step="life" onEdit={onEdit} level={level}>
          <ul className="moving-life-list">
            {content.movers.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: positions are the movers' identity.
              <li key={i}>
                <p className="moving-people-list__name">
                  {fullName(m) || t('moving.people.person', { n: i + 1 })}
                </p>
                <dl className="moving-dl moving-dl--inline">
                  <dt>{t('moving.life.insurance')}</dt>
                  <dd>
                    {m.insurance ? t(`moving.insurance.${m.insurance}`) : t('moving.review.notAnswered')}
                  </dd>
                  {m.pension && (
                    <>
                      <dt>{t('moving.life.pension')}</dt>
                      <dd>{t(`moving.pension.${m.pension}`)}</dd>
                    </>
                  )}
                  {m.school && (
                    <>
                      <dt>{t('moving.life.schoolTransfer')}</dt>
                      <dd>
                        {yes(m.school.transfer)}
                        {m.school.current ? `（${m.school.current}）` : ''}
                      </dd>
                    </>
                  )}
                  {m.careCertified !== undefined && (
                    <>
                      <dt>{t('moving.life.care')}</dt>
                      <dd>{yes(m.careCertified)}</dd>
                    </>
                  )}
                  {m.disabilities && m.disabilities.length > 0 && (
                    <>
                      <dt>{t('moving.life.disabilities')}</dt>
                      <dd>{m.disabilities.map((d) => t(`moving.disability.${d}`)).join('、')}</dd>
                    </>
                  )}
                  {m.myNumberCard !== undefined && (
                    <>
                      <dt>{t('moving.life.myNumberCard')}</dt>
                      <dd>{yes(m.myNumberCard)}</dd>
                    </>
                  )}
                </dl>
              </li>
            ))}
          </ul>
          <dl className="moving-dl">
            <dt>{t('moving.life.dogs')}</dt>
            <dd>{t('moving.review.dogs', { count: content.dogs ?? 0 })}</dd>
          </dl>
        </Section>
      )}
      <Section title={t('moving.steps.contact')} step="contact" onEdit={onEdit} level={level}>
        <dl className="moving-dl">
          <dt>{t('moving.contact.who')}</dt>
          <dd>
            {content.notifier
              ? `${fullName(content.notifier)}（${t(`moving.contact.relation_${content.notifier.relation}`)}）`
              : t('moving.review.notAnswered')}
          </dd>
          {!compact && (
            <>
              <dt>{t('moving.contact.phone')}</dt>
              <dd>{content.phone || '—'}</dd>
              {content.notes && (
                <>
                  <dt>{t('moving.contact.notes')}</dt>
                  <dd>{content.notes}</dd>
                </>
              )}
            </>
          )}
        </dl>
      </Section>
    </div>
  );
}
