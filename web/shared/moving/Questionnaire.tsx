/**
 * The questionnaire's steps, shared by the resident's phone (one step per
 * screen) and the counter (the paper path and corrections: every step on one
 * page). Each step asks only what applies to the kind of move and to the
 * answers so far; every control has a visible label and its error beside it.
 */
import { useTranslation } from 'react-i18next';
import './moving.css';
import { Button, CheckboxGroup, RadioGroup, Select, TextField } from '../components';
import { useLanguage } from '../i18n/useLanguage';
import {
  type Address,
  ageOn,
  COMMON_RELATIONSHIPS,
  DISABILITY_KINDS,
  type DisabilityKind,
  type DraftContent,
  emptyMover,
  fullName,
  INSURANCE_KINDS,
  type InsuranceKind,
  type MoveKind,
  type Mover,
  needsRemainingHead,
  PENSION_KINDS,
  type PensionKind,
  type PersonRef,
  type StepId,
  schoolGradeOn,
} from './content';
import { type FieldErrors, fieldId } from './fieldText';
import { RELATIONSHIP_KEYS } from './labels';

export interface StepProps {
  kind: MoveKind;
  content: DraftContent;
  onChange: (next: DraftContent) => void;
  errors: FieldErrors;
  /** Today in Tokyo: ages and school years are taken on the move date, or today. */
  today: string;
  /** The clerk also sees the identifiers a resident is never asked for on a phone. */
  audience: 'resident' | 'clerk';
}

/**
 * The headings inside a step (an address, a person): h2 on the phone, where the
 * step is the page under its h1; one below the editor's section heading at the counter.
 */
export type Level = 'h2' | 'h3' | 'h4';

export function QuestionnaireStep({
  step,
  level = 'h2',
  ...props
}: StepProps & { step: StepId; level?: Level }) {
  switch (step) {
    case 'when':
      return <WhenStep {...props} />;
    case 'addresses':
      return <AddressesStep {...props} level={level} />;
    case 'people':
      return <PeopleStep {...props} level={level} />;
    case 'household':
      return <HouseholdStep {...props} level={level} />;
    case 'life':
      return <LifeStep {...props} level={level} />;
    case 'contact':
      return <ContactStep {...props} />;
    case 'review':
      return null;
  }
}

const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'yes' : 'no');

function Heading({
  level,
  children,
  className,
}: {
  level: Level;
  children: React.ReactNode;
  className?: string;
}) {
  const Tag = level;
  return <Tag className={className ?? 'moving-subheading'}>{children}</Tag>;
}

// ---------------------------------------------------------------- いつ

function WhenStep({ kind, content, onChange, errors }: StepProps) {
  const { t } = useTranslation();
  return (
    <div className="mg-stack">
      <TextField
        id={fieldId('moveDate')}
        type="date"
        label={t(`moving.when.moveDate.${kind}`)}
        description={t(`moving.when.moveDateHint.${kind}`)}
        value={content.moveDate ?? ''}
        onChange={(event) => onChange({ ...content, moveDate: event.target.value || undefined })}
        error={errors.moveDate}
        required
        className="moving-date"
      />
      {kind !== 'tenkyo' && (
        <RadioGroup
          id={fieldId('moveType')}
          name="moveType"
          legend={t(`moving.when.moveType.${kind}`)}
          options={[
            { value: 'domestic', label: t(`moving.when.domestic.${kind}`) },
            { value: 'abroad', label: t(`moving.when.abroad.${kind}`) },
          ]}
          value={content.moveType}
          onChange={(value) => onChange({ ...content, moveType: value as 'domestic' | 'abroad' })}
          error={errors.moveType}
          required
        />
      )}
    </div>
  );
}

// ---------------------------------------------------------------- 住所

function AddressFields({
  at,
  legend,
  address,
  abroad,
  errors,
  onChange,
  level,
}: {
  at: 'from' | 'to';
  legend: string;
  address: Address | undefined;
  abroad: boolean;
  errors: FieldErrors;
  onChange: (next: Address) => void;
  level: Level;
}) {
  const { t } = useTranslation();
  const value: Address = address ?? { address: '' };
  const set = (patch: Partial<Address>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="moving-group" aria-labelledby={`${at}-heading`}>
      <Heading level={level}>
        <span id={`${at}-heading`}>{legend}</span>
      </Heading>
      <div className="mg-stack">
        {abroad ? (
          <>
            <TextField
              id={fieldId(`${at}.country`)}
              label={t('moving.address.country')}
              value={value.country ?? ''}
              onChange={(event) => set({ country: event.target.value })}
              error={errors[`${at}.country`]}
              autoComplete="country-name"
              required
            />
            <TextField
              id={fieldId(`${at}.address`)}
              label={t('moving.address.addressAbroad')}
              value={value.address}
              onChange={(event) => set({ address: event.target.value })}
              error={errors[`${at}.address`]}
              required
            />
          </>
        ) : (
          <>
            <TextField
              id={fieldId(`${at}.postalCode`)}
              label={t('moving.address.postalCode')}
              description={t('moving.address.postalCodeHint')}
              value={value.postalCode ?? ''}
              onChange={(event) => set({ postalCode: event.target.value })}
              error={errors[`${at}.postalCode`]}
              inputMode="numeric"
              autoComplete="postal-code"
              className="moving-postal"
              required
            />
            <TextField
              id={fieldId(`${at}.address`)}
              label={t('moving.address.address')}
              description={t('moving.address.addressHint')}
              value={value.address}
              onChange={(event) => set({ address: event.target.value })}
              error={errors[`${at}.address`]}
              autoComplete="street-address"
              required
            />
            <TextField
              id={fieldId(`${at}.katagaki`)}
              label={t('moving.address.katagaki')}
              description={t('moving.address.katagakiHint')}
              value={value.katagaki ?? ''}
              onChange={(event) => set({ katagaki: event.target.value })}
              error={errors[`${at}.katagaki`]}
            />
          </>
        )}
      </div>
    </fieldset>
  );
}

function AddressesStep({ kind, content, onChange, errors, level }: StepProps & { level: Level }) {
  const { t } = useTranslation();
  const abroad = content.moveType === 'abroad';
  return (
    <div className="mg-stack">
      <AddressFields
        at="from"
        legend={t(`moving.addresses.from.${kind}`)}
        address={content.from}
        abroad={abroad && kind === 'tennyu'}
        errors={errors}
        onChange={(from) => onChange({ ...content, from })}
        level={level}
      />
      <AddressFields
        at="to"
        legend={t(`moving.addresses.to.${kind}`)}
        address={content.to}
        abroad={abroad && kind === 'tenshutsu'}
        errors={errors}
        onChange={(to) => onChange({ ...content, to })}
        level={level}
      />
    </div>
  );
}

// ---------------------------------------------------------------- 引越しする人

export function useRelationshipLabel() {
  const { t } = useTranslation();
  const lng = useLanguage();
  return (value: string) => {
    const key = RELATIONSHIP_KEYS[value];
    // Japanese readers see the register's word; others see it translated, with the word itself.
    if (!key || lng === 'ja') return value;
    return `${t(`moving.relationships.${key}`)}（${value}）`;
  };
}

function MoverFields({
  index,
  mover,
  kind,
  errors,
  onChange,
  onRemove,
  audience,
  level,
}: {
  index: number;
  mover: Mover;
  kind: MoveKind;
  errors: FieldErrors;
  onChange: (next: Mover) => void;
  onRemove: (() => void) | undefined;
  audience: StepProps['audience'];
  level: Level;
}) {
  const { t } = useTranslation();
  const relationshipLabel = useRelationshipLabel();
  const at = (field: string) => `movers.${index}.${field}`;
  const set = (patch: Partial<Mover>) => onChange({ ...mover, ...patch });
  const known = (COMMON_RELATIONSHIPS as readonly string[]).includes(mover.relationship);
  const other = mover.relationship !== '' && !known;
  const headingId = `mover-${index}-heading`;
  return (
    <fieldset className="moving-person" aria-labelledby={headingId}>
      <div className="moving-person__head">
        <Heading level={level} className="moving-person__title">
          <span id={headingId}>{t('moving.people.person', { n: index + 1 })}</span>
        </Heading>
        {onRemove && (
          <Button variant="tertiary" onClick={onRemove}>
            {t('moving.people.remove', { n: index + 1 })}
          </Button>
        )}
      </div>
      <div className="mg-stack">
        <p className="mg-field__description">{t('moving.people.nameHint')}</p>
        <div className="moving-pair">
          <TextField
            id={fieldId(at('familyName'))}
            label={t('moving.people.familyName')}
            value={mover.familyName}
            onChange={(event) => set({ familyName: event.target.value })}
            error={errors[at('familyName')]}
            autoComplete="off"
            required
          />
          <TextField
            id={fieldId(at('givenName'))}
            label={t('moving.people.givenName')}
            value={mover.givenName}
            onChange={(event) => set({ givenName: event.target.value })}
            error={errors[at('givenName')]}
            autoComplete="off"
          />
        </div>
        <div className="moving-pair">
          <TextField
            id={fieldId(at('familyNameKana'))}
            label={t('moving.people.familyNameKana')}
            description={t('moving.people.kanaHint')}
            value={mover.familyNameKana}
            onChange={(event) => set({ familyNameKana: event.target.value })}
            error={errors[at('familyNameKana')]}
            autoComplete="off"
            required
          />
          <TextField
            id={fieldId(at('givenNameKana'))}
            label={t('moving.people.givenNameKana')}
            description={t('moving.people.kanaHint')}
            value={mover.givenNameKana}
            onChange={(event) => set({ givenNameKana: event.target.value })}
            error={errors[at('givenNameKana')]}
            autoComplete="off"
          />
        </div>
        <TextField
          id={fieldId(at('birthDate'))}
          type="date"
          label={t('moving.people.birthDate')}
          value={mover.birthDate}
          onChange={(event) => set({ birthDate: event.target.value })}
          error={errors[at('birthDate')]}
          className="moving-date"
          required
        />
        <RadioGroup
          id={fieldId(at('sex'))}
          name={`sex-${index}`}
          legend={t('moving.people.sex')}
          options={[
            { value: 'M', label: t('moving.people.sexM') },
            { value: 'F', label: t('moving.people.sexF') },
          ]}
          value={mover.sex}
          onChange={(value) => set({ sex: value as 'M' | 'F' })}
          error={errors[at('sex')]}
          className="moving-inline-radios"
          required
        />
        <Select
          id={fieldId(at('relationship'))}
          label={t('moving.people.relationship')}
          description={t(`moving.people.relationshipHint.${kind}`)}
          placeholder={t('moving.choose')}
          options={[
            ...COMMON_RELATIONSHIPS.map((value) => ({ value, label: relationshipLabel(value) })),
            { value: '__other', label: t('moving.people.relationshipOther') },
          ]}
          value={other ? '__other' : mover.relationship}
          onChange={(event) =>
            set({ relationship: event.target.value === '__other' ? ' ' : event.target.value })
          }
          error={other ? undefined : errors[at('relationship')]}
          required
        />
        {other && (
          <TextField
            id={`${fieldId(at('relationship'))}-text`}
            label={t('moving.people.relationshipText')}
            value={mover.relationship.trim() === '' ? '' : mover.relationship}
            onChange={(event) => set({ relationship: event.target.value || ' ' })}
            error={errors[at('relationship')]}
            required
          />
        )}
        {kind === 'tennyu' && (
          <>
            <CheckboxGroup
              name={`foreign-${index}`}
              legend={t('moving.people.nationalityQuestion')}
              options={[{ value: 'foreign', label: t('moving.people.foreign') }]}
              values={mover.nationality !== undefined ? ['foreign'] : []}
              onChange={(values) => set({ nationality: values.includes('foreign') ? '' : undefined })}
            />
            {mover.nationality !== undefined ? (
              <TextField
                id={fieldId(at('nationality'))}
                label={t('moving.people.nationality')}
                value={mover.nationality}
                onChange={(event) => set({ nationality: event.target.value })}
                error={errors[at('nationality')]}
                required
              />
            ) : (
              <>
                <TextField
                  id={fieldId(at('honseki'))}
                  label={t('moving.people.honseki')}
                  description={t('moving.people.honsekiHint')}
                  value={mover.honseki ?? ''}
                  onChange={(event) => set({ honseki: event.target.value })}
                  error={errors[at('honseki')]}
                />
                <TextField
                  id={fieldId(at('hittosha'))}
                  label={t('moving.people.hittosha')}
                  value={mover.hittosha ?? ''}
                  onChange={(event) => set({ hittosha: event.target.value })}
                  error={errors[at('hittosha')]}
                />
              </>
            )}
          </>
        )}
        {audience === 'clerk' && (
          <div className="moving-pair">
            <TextField
              id={fieldId(at('juminhyoCode'))}
              label={t('moving.people.juminhyoCode')}
              value={mover.juminhyoCode ?? ''}
              onChange={(event) => set({ juminhyoCode: event.target.value })}
              error={errors[at('juminhyoCode')]}
              inputMode="numeric"
              autoComplete="off"
            />
            <TextField
              id={fieldId(at('myNumber'))}
              label={t('moving.people.myNumber')}
              value={mover.myNumber ?? ''}
              onChange={(event) => set({ myNumber: event.target.value })}
              error={errors[at('myNumber')]}
              inputMode="numeric"
              autoComplete="off"
            />
          </div>
        )}
      </div>
    </fieldset>
  );
}

function PeopleStep({ kind, content, onChange, errors, audience, level }: StepProps & { level: Level }) {
  const { t } = useTranslation();
  const setMover = (index: number, mover: Mover) =>
    onChange({ ...content, movers: content.movers.map((m, i) => (i === index ? mover : m)) });
  const addMover = () => {
    const first = content.movers[0];
    const next = emptyMover();
    // A family usually shares the family name and its reading.
    if (first) {
      next.familyName = first.familyName;
      next.familyNameKana = first.familyNameKana;
    }
    onChange({ ...content, movers: [...content.movers, next] });
    requestAnimationFrame(() =>
      document.getElementById(fieldId(`movers.${content.movers.length}.givenName`))?.focus(),
    );
  };
  return (
    <div className="mg-stack">
      {kind !== 'tennyu' && (
        <RadioGroup
          id={fieldId('wholeHousehold')}
          name="wholeHousehold"
          legend={t(`moving.people.whole.${kind}`)}
          options={[
            { value: 'yes', label: t('moving.people.wholeYes') },
            { value: 'no', label: t('moving.people.wholeNo') },
          ]}
          value={yesNo(content.wholeHousehold)}
          onChange={(value) => onChange({ ...content, wholeHousehold: value === 'yes' })}
          error={errors.wholeHousehold}
          required
        />
      )}
      {errors.movers && (
        <p className="mg-field__error" id={fieldId('movers')}>
          {errors.movers}
        </p>
      )}
      {content.movers.map((mover, index) => (
        <MoverFields
          // biome-ignore lint/suspicious/noArrayIndexKey: a person's position is their identity in the questionnaire (the server's paths use it too).
          key={index}
          index={index}
          mover={mover}
          kind={kind}
          errors={errors}
          audience={audience}
          level={level}
          onChange={(next) => setMover(index, next)}
          onRemove={
            content.movers.length > 1
              ? () => onChange({ ...content, movers: content.movers.filter((_, i) => i !== index) })
              : undefined
          }
        />
      ))}
      {content.movers.length < 20 && (
        <Button variant="secondary" onClick={addMover}>
          {t('moving.people.add')}
        </Button>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- 世帯

function PersonRefFields({
  at,
  legend,
  description,
  value,
  errors,
  onChange,
}: {
  at: string;
  legend: string;
  description?: string;
  value: PersonRef | undefined;
  errors: FieldErrors;
  onChange: (next: PersonRef) => void;
}) {
  const { t } = useTranslation();
  const ref = value ?? { familyName: '', givenName: '', birthDate: '' };
  const set = (patch: Partial<PersonRef>) => onChange({ ...ref, ...patch });
  return (
    <fieldset className="mg-field moving-fieldset" id={fieldId(at)}>
      <legend className="mg-field__label">{legend}</legend>
      {description && <p className="mg-field__description">{description}</p>}
      <div className="mg-stack">
        <div className="moving-pair">
          <TextField
            id={fieldId(`${at}.familyName`)}
            label={t('moving.people.familyName')}
            value={ref.familyName}
            onChange={(event) => set({ familyName: event.target.value })}
            error={errors[`${at}.familyName`]}
            required
          />
          <TextField
            id={fieldId(`${at}.givenName`)}
            label={t('moving.people.givenName')}
            value={ref.givenName}
            onChange={(event) => set({ givenName: event.target.value })}
            error={errors[`${at}.givenName`]}
          />
        </div>
        <TextField
          id={fieldId(`${at}.birthDate`)}
          type="date"
          label={t('moving.people.birthDate')}
          value={ref.birthDate}
          onChange={(event) => set({ birthDate: event.target.value })}
          error={errors[`${at}.birthDate`]}
          className="moving-date"
          required
        />
      </div>
    </fieldset>
  );
}

function HouseholdStep({ kind, content, onChange, errors }: StepProps & { level: Level }) {
  const { t } = useTranslation();
  const household = content.household;
  const arrangements =
    kind === 'tenkyo' && content.wholeHousehold
      ? (['same', 'new', 'join'] as const)
      : (['new', 'join'] as const);
  const remaining = needsRemainingHead(kind, content);
  return (
    <div className="mg-stack">
      {kind !== 'tenshutsu' && (
        <RadioGroup
          id={fieldId('household.arrangement')}
          name="arrangement"
          legend={t('moving.household.arrangement')}
          options={arrangements.map((value) => ({
            value,
            label: t(`moving.household.${value}`),
            hint: t(`moving.household.${value}Hint`),
          }))}
          value={household?.arrangement}
          onChange={(value) =>
            onChange({
              ...content,
              household: { ...household, arrangement: value as 'same' | 'new' | 'join' },
            })
          }
          error={errors['household.arrangement']}
          required
        />
      )}
      {kind !== 'tenshutsu' && household?.arrangement === 'join' && (
        <PersonRefFields
          at="household.joinHead"
          legend={t('moving.household.joinHead')}
          description={t('moving.household.joinHeadHint')}
          value={household.joinHead}
          errors={errors}
          onChange={(joinHead) => onChange({ ...content, household: { ...household, joinHead } })}
        />
      )}
      {remaining && (
        <PersonRefFields
          at="household.remainingHead"
          legend={t('moving.household.remainingHead')}
          description={t('moving.household.remainingHeadHint')}
          value={household?.remainingHead}
          errors={errors}
          onChange={(remainingHead) =>
            onChange({
              ...content,
              household: { arrangement: household?.arrangement ?? 'new', ...household, remainingHead },
            })
          }
        />
      )}
    </div>
  );
}

// ---------------------------------------------------------------- 保険・年金・学校など

function LifePerson({
  index,
  mover,
  on,
  errors,
  onChange,
  level,
}: {
  index: number;
  mover: Mover;
  on: string;
  errors: FieldErrors;
  onChange: (next: Mover) => void;
  level: Level;
}) {
  const { t } = useTranslation();
  const at = (field: string) => `movers.${index}.${field}`;
  const set = (patch: Partial<Mover>) => onChange({ ...mover, ...patch });
  const known = /^\d{4}-\d{2}-\d{2}$/.test(mover.birthDate);
  const age = known ? ageOn(mover.birthDate, on) : undefined;
  const grade = known ? schoolGradeOn(mover.birthDate, on) : undefined;
  const name = fullName(mover) || t('moving.people.person', { n: index + 1 });
  const headingId = `life-${index}-heading`;
  const yesNoOptions = [
    { value: 'yes', label: t('moving.yes') },
    { value: 'no', label: t('moving.no') },
  ];
  return (
    <fieldset className="moving-person" aria-labelledby={headingId}>
      <Heading level={level} className="moving-person__title">
        <span id={headingId}>
          {name}
          {age !== undefined && age >= 0 && (
            <span className="moving-person__age">{t('moving.life.age', { age })}</span>
          )}
        </span>
      </Heading>
      <div className="mg-stack">
        <Select
          id={fieldId(at('insurance'))}
          label={t('moving.life.insurance')}
          placeholder={t('moving.choose')}
          options={INSURANCE_KINDS.map((value) => ({ value, label: t(`moving.insurance.${value}`) }))}
          value={mover.insurance ?? ''}
          onChange={(event) =>
            set({ insurance: (event.target.value || undefined) as InsuranceKind | undefined })
          }
          error={errors[at('insurance')]}
        />
        {(age === undefined || age >= 20) && (
          <Select
            id={fieldId(at('pension'))}
            label={t('moving.life.pension')}
            placeholder={t('moving.choose')}
            options={PENSION_KINDS.map((value) => ({ value, label: t(`moving.pension.${value}`) }))}
            value={mover.pension ?? ''}
            onChange={(event) =>
              set({ pension: (event.target.value || undefined) as PensionKind | undefined })
            }
            error={errors[at('pension')]}
          />
        )}
        {grade !== undefined && grade >= 1 && grade <= 9 && (
          <>
            <TextField
              id={fieldId(at('school.current'))}
              label={t('moving.life.schoolCurrent')}
              description={t('moving.life.schoolGrade', {
                grade:
                  grade <= 6
                    ? t('moving.life.elementary', { n: grade })
                    : t('moving.life.juniorHigh', { n: grade - 6 }),
              })}
              value={mover.school?.current ?? ''}
              onChange={(event) =>
                set({ school: { transfer: mover.school?.transfer ?? false, current: event.target.value } })
              }
              error={errors[at('school.current')]}
            />
            <RadioGroup
              id={fieldId(at('school.transfer'))}
              name={`school-transfer-${index}`}
              legend={t('moving.life.schoolTransfer')}
              options={yesNoOptions}
              value={yesNo(mover.school?.transfer)}
              onChange={(value) => set({ school: { ...mover.school, transfer: value === 'yes' } })}
              error={errors[at('school.transfer')]}
              className="moving-inline-radios"
            />
          </>
        )}
        {(age === undefined || age >= 40) && (
          <RadioGroup
            id={fieldId(at('careCertified'))}
            name={`care-${index}`}
            legend={t('moving.life.care')}
            options={yesNoOptions}
            value={yesNo(mover.careCertified)}
            onChange={(value) => set({ careCertified: value === 'yes' })}
            error={errors[at('careCertified')]}
            className="moving-inline-radios"
          />
        )}
        <CheckboxGroup
          id={fieldId(at('disabilities'))}
          name={`disabilities-${index}`}
          legend={t('moving.life.disabilities')}
          description={t('moving.life.disabilitiesHint')}
          options={DISABILITY_KINDS.map((value) => ({ value, label: t(`moving.disability.${value}`) }))}
          values={mover.disabilities ?? []}
          onChange={(values) => set({ disabilities: values as DisabilityKind[] })}
          error={errors[at('disabilities')]}
        />
        <RadioGroup
          id={fieldId(at('myNumberCard'))}
          name={`card-${index}`}
          legend={t('moving.life.myNumberCard')}
          options={yesNoOptions}
          value={yesNo(mover.myNumberCard)}
          onChange={(value) => set({ myNumberCard: value === 'yes' })}
          error={errors[at('myNumberCard')]}
          className="moving-inline-radios"
        />
      </div>
    </fieldset>
  );
}

function LifeStep({ content, onChange, errors, today, level }: StepProps & { level: Level }) {
  const { t } = useTranslation();
  const on = content.moveDate && /^\d{4}-\d{2}-\d{2}$/.test(content.moveDate) ? content.moveDate : today;
  return (
    <div className="mg-stack">
      <p>{t('moving.life.lead')}</p>
      {content.movers.map((mover, index) => (
        <LifePerson
          // biome-ignore lint/suspicious/noArrayIndexKey: positions are the movers' identity (see PeopleStep).
          key={index}
          index={index}
          mover={mover}
          on={on}
          errors={errors}
          level={level}
          onChange={(next) =>
            onChange({ ...content, movers: content.movers.map((m, i) => (i === index ? next : m)) })
          }
        />
      ))}
      <TextField
        id={fieldId('dogs')}
        type="number"
        min={0}
        max={20}
        inputMode="numeric"
        label={t('moving.life.dogs')}
        description={t('moving.life.dogsHint')}
        value={String(content.dogs ?? 0)}
        onChange={(event) => {
          const n = Number.parseInt(event.target.value, 10);
          onChange({ ...content, dogs: Number.isNaN(n) ? 0 : n });
        }}
        error={errors.dogs}
        className="moving-number"
      />
    </div>
  );
}

// ---------------------------------------------------------------- 届出人・連絡先

function ContactStep({ content, onChange, errors }: StepProps) {
  const { t } = useTranslation();
  const notifier = content.notifier;
  const moverIndex = notifier
    ? content.movers.findIndex(
        (m) =>
          m.familyName === notifier.familyName &&
          m.givenName === notifier.givenName &&
          notifier.relation === 'self',
      )
    : -1;
  const choice = !notifier ? undefined : moverIndex >= 0 ? `mover-${moverIndex}` : 'other';
  const choose = (value: string) => {
    if (value === 'other') {
      onChange({ ...content, notifier: { familyName: '', givenName: '', relation: 'household' } });
      return;
    }
    const mover = content.movers[Number(value.slice('mover-'.length))];
    if (mover)
      onChange({
        ...content,
        notifier: { familyName: mover.familyName, givenName: mover.givenName, relation: 'self' },
      });
  };
  return (
    <div className="mg-stack">
      <RadioGroup
        id={fieldId('notifier')}
        name="notifier"
        legend={t('moving.contact.who')}
        options={[
          ...content.movers.map((m, i) => ({
            value: `mover-${i}`,
            label: fullName(m) || t('moving.people.person', { n: i + 1 }),
          })),
          { value: 'other', label: t('moving.contact.other'), hint: t('moving.contact.otherHint') },
        ]}
        value={choice}
        onChange={choose}
        error={choice === undefined ? errors['notifier.familyName'] : undefined}
        required
      />
      {choice === 'other' && notifier && (
        <>
          <div className="moving-pair">
            <TextField
              id={fieldId('notifier.familyName')}
              label={t('moving.people.familyName')}
              value={notifier.familyName}
              onChange={(event) =>
                onChange({ ...content, notifier: { ...notifier, familyName: event.target.value } })
              }
              error={errors['notifier.familyName']}
              required
            />
            <TextField
              id={fieldId('notifier.givenName')}
              label={t('moving.people.givenName')}
              value={notifier.givenName}
              onChange={(event) =>
                onChange({ ...content, notifier: { ...notifier, givenName: event.target.value } })
              }
              error={errors['notifier.givenName']}
            />
          </div>
          <RadioGroup
            id={fieldId('notifier.relation')}
            name="notifierRelation"
            legend={t('moving.contact.relation')}
            options={[
              { value: 'household', label: t('moving.contact.household') },
              { value: 'agent', label: t('moving.contact.agent'), hint: t('moving.contact.agentHint') },
            ]}
            value={notifier.relation === 'self' ? undefined : notifier.relation}
            onChange={(value) =>
              onChange({ ...content, notifier: { ...notifier, relation: value as 'household' | 'agent' } })
            }
            required
          />
        </>
      )}
      <TextField
        id={fieldId('phone')}
        type="tel"
        label={t('moving.contact.phone')}
        description={t('moving.contact.phoneHint')}
        value={content.phone ?? ''}
        onChange={(event) => onChange({ ...content, phone: event.target.value })}
        error={errors.phone}
        autoComplete="tel"
      />
      <TextField
        id={fieldId('notes')}
        label={t('moving.contact.notes')}
        description={t('moving.contact.notesHint')}
        value={content.notes ?? ''}
        onChange={(event) => onChange({ ...content, notes: event.target.value })}
        error={errors.notes}
        maxLength={500}
      />
    </div>
  );
}
