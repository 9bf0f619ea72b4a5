import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ErrorAlert, RadioGroup, Select, TextField } from '../../../shared/components';
import {
  LAWFUL_REASONS,
  type LawfulReason,
  type LawfulReasonKind,
  type PersonCard,
  PROFESSIONS,
  type Profession,
  RELATIONS,
  type Relation,
} from '../../api/counter';
import { ErrorSummary, type FieldErrors } from '../../ErrorSummary';

/**
 * The ID documents a counter accepts, recorded by their Japanese name whatever
 * language the screen is in: the record is the municipality's, in Japanese.
 */
export const IDENTITY_DOCUMENTS = [
  'マイナンバーカード',
  '運転免許証',
  '旅券',
  '在留カード',
  '身体障害者手帳',
  '健康保険の資格確認書と年金手帳',
] as const;
const OTHER_DOCUMENT = 'other';

/** Who is at the counter, as the clerk established it; it applies to every certificate of the visit. */
export interface RequesterFacts {
  relation: Relation;
  name: string;
  residentId?: number;
  identityDocument: string;
  powerOfAttorney: boolean;
  lawfulReason?: LawfulReason;
}

type Field =
  | 'relation'
  | 'member'
  | 'name'
  | 'identity'
  | 'identityOther'
  | 'reasonKind'
  | 'reasonDetail'
  | 'profession'
  | 'registrationNo'
  | 'authority'
  | 'powerOfAttorney';

const IDS: Record<Field, string> = {
  relation: 'requester-relation',
  member: 'requester-member',
  name: 'requester-name',
  identity: 'requester-identity',
  identityOther: 'requester-identity-other',
  reasonKind: 'requester-reason-kind',
  reasonDetail: 'requester-reason-detail',
  profession: 'requester-profession',
  registrationNo: 'requester-registration-no',
  authority: 'requester-authority',
  powerOfAttorney: 'requester-poa',
};

/** 請求者の確認: who asks, in what relation, and which ID document the clerk checked. */
export function RequesterForm({
  person,
  onConfirmed,
  mode = 'counter',
}: {
  person: PersonCard;
  onConfirmed: (facts: RequesterFacts) => Promise<void>;
  /** By mail the 委任状 and the ID copy are enclosed in the letter, and the writer is always named. */
  mode?: 'counter' | 'mail';
}) {
  const { t } = useTranslation();
  const [relation, setRelation] = useState<Relation | undefined>();
  const [member, setMember] = useState('');
  const [name, setName] = useState('');
  const [identity, setIdentity] = useState('');
  const [identityOther, setIdentityOther] = useState('');
  const [powerOfAttorney, setPowerOfAttorney] = useState(false);
  const [reasonKind, setReasonKind] = useState<LawfulReasonKind | ''>('');
  const [reasonDetail, setReasonDetail] = useState('');
  const [profession, setProfession] = useState<Profession | ''>('');
  const [registrationNo, setRegistrationNo] = useState('');
  const [authority, setAuthority] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const others = person.household.filter((m) => m.residentId !== person.residentId);

  const errorCount = Object.keys(errors).length;
  useEffect(() => {
    if (errorCount > 0) summary.current?.focus();
  }, [errorCount]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors<Field> = {};
    if (!relation) found.relation = t('counter.issue.requester.relationRequired');
    if (relation === 'same_household' && !member) found.member = t('counter.issue.requester.memberRequired');
    const named =
      relation === 'agent' ||
      relation === 'third_party' ||
      (mode === 'mail' && relation !== 'self' && relation !== 'same_household');
    if (named && !name.trim()) found.name = t('counter.issue.requester.nameRequired');
    if (!identity) found.identity = t('counter.issue.requester.identityRequired');
    if (identity === OTHER_DOCUMENT && !identityOther.trim())
      found.identityOther = t('counter.issue.requester.identityOtherRequired');
    if (relation === 'agent' && !powerOfAttorney)
      found.powerOfAttorney = t('counter.issue.requester.powerOfAttorneyRequired');
    if (relation === 'third_party') {
      if (!reasonKind) found.reasonKind = t('counter.issue.requester.reasonKindRequired');
      if (!reasonDetail.trim()) found.reasonDetail = t('counter.issue.requester.reasonDetailRequired');
      if (reasonKind === 'professional_duty') {
        if (!profession) found.profession = t('counter.issue.requester.professionRequired');
        if (!registrationNo.trim())
          found.registrationNo = t('counter.issue.requester.registrationNoRequired');
      }
      if (reasonKind === 'official_request' && !authority.trim())
        found.authority = t('counter.issue.requester.authorityRequired');
    }
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0 || !relation) return;
    const householdMember = others.find((m) => String(m.residentId) === member);
    const facts: RequesterFacts = {
      relation,
      name:
        relation === 'self'
          ? `${person.familyName}　${person.givenName}`
          : householdMember
            ? `${householdMember.familyName}　${householdMember.givenName}`
            : name.trim(),
      ...(relation === 'self' ? { residentId: person.residentId } : {}),
      ...(householdMember ? { residentId: householdMember.residentId } : {}),
      identityDocument:
        identity === OTHER_DOCUMENT ? identityOther.trim() : mode === 'mail' ? `${identity}の写し` : identity,
      powerOfAttorney: relation === 'agent' && powerOfAttorney,
      ...(relation === 'third_party' && reasonKind
        ? {
            lawfulReason: {
              kind: reasonKind,
              detail: reasonDetail.trim(),
              ...(reasonKind === 'professional_duty' && profession
                ? { professional: { profession, registrationNo: registrationNo.trim() } }
                : {}),
              ...(reasonKind === 'official_request' ? { authority: authority.trim() } : {}),
            },
          }
        : {}),
    };
    setBusy(true);
    try {
      await onConfirmed(facts);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={submit} className="console-requester">
      <ErrorSummary ref={summary} title={t('counter.errorSummary')} errors={errors} fieldIds={IDS} />
      {failure !== undefined && <ErrorAlert error={failure} />}
      <RadioGroup
        id={IDS.relation}
        name="relation"
        legend={t('counter.issue.requester.relation')}
        required
        value={relation}
        onChange={(value) => setRelation(value as Relation)}
        error={errors.relation}
        options={RELATIONS.map((value) => ({
          value,
          label: t(`counter.issue.relations.${value}`),
          hint: t(`counter.issue.relationHints.${value}`),
          disabled: value === 'same_household' && others.length === 0,
        }))}
      />
      {relation === 'same_household' && (
        <Select
          id={IDS.member}
          label={t('counter.issue.requester.member')}
          required
          placeholder={t('counter.municipalityPlaceholder')}
          value={member}
          onChange={(event) => setMember(event.target.value)}
          error={errors.member}
          options={others.map((m) => ({
            value: String(m.residentId),
            label: `${m.familyName}　${m.givenName}（${m.relationship ?? '—'}）`,
          }))}
        />
      )}
      {relation && relation !== 'self' && relation !== 'same_household' && (
        <TextField
          id={IDS.name}
          label={t('counter.issue.requester.name')}
          description={t('counter.issue.requester.nameDescription')}
          required={relation === 'agent' || relation === 'third_party' || mode === 'mail'}
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors.name}
        />
      )}
      {relation === 'agent' && (
        <label className="console-check console-check--boxed" htmlFor={IDS.powerOfAttorney}>
          <input
            id={IDS.powerOfAttorney}
            type="checkbox"
            checked={powerOfAttorney}
            aria-invalid={errors.powerOfAttorney ? true : undefined}
            aria-describedby={errors.powerOfAttorney ? `${IDS.powerOfAttorney}-error` : undefined}
            onChange={(event) => setPowerOfAttorney(event.target.checked)}
          />
          <span>
            {mode === 'mail'
              ? t('counter.mail.powerOfAttorney')
              : t('counter.issue.requester.powerOfAttorney')}
            {errors.powerOfAttorney && (
              <span id={`${IDS.powerOfAttorney}-error`} className="mg-field__error">
                {errors.powerOfAttorney}
              </span>
            )}
          </span>
        </label>
      )}
      {relation === 'third_party' && (
        <fieldset className="console-fieldset">
          <legend className="mg-field__label">{t('counter.issue.requester.reason')}</legend>
          <Select
            id={IDS.reasonKind}
            label={t('counter.issue.requester.reasonKind')}
            required
            placeholder={t('counter.municipalityPlaceholder')}
            value={reasonKind}
            onChange={(event) => setReasonKind(event.target.value as LawfulReasonKind)}
            error={errors.reasonKind}
            options={LAWFUL_REASONS.map((value) => ({ value, label: t(`counter.issue.reasons.${value}`) }))}
          />
          <TextField
            id={IDS.reasonDetail}
            label={t('counter.issue.requester.reasonDetail')}
            description={t('counter.issue.requester.reasonDetailDescription')}
            required
            maxLength={400}
            value={reasonDetail}
            onChange={(event) => setReasonDetail(event.target.value)}
            error={errors.reasonDetail}
          />
          {reasonKind === 'professional_duty' && (
            <>
              <Select
                id={IDS.profession}
                label={t('counter.issue.requester.profession')}
                required
                placeholder={t('counter.municipalityPlaceholder')}
                value={profession}
                onChange={(event) => setProfession(event.target.value as Profession)}
                error={errors.profession}
                options={PROFESSIONS.map((value) => ({
                  value,
                  label: t(`counter.issue.professions.${value}`),
                }))}
              />
              <TextField
                id={IDS.registrationNo}
                label={t('counter.issue.requester.registrationNo')}
                required
                maxLength={40}
                value={registrationNo}
                onChange={(event) => setRegistrationNo(event.target.value)}
                error={errors.registrationNo}
              />
            </>
          )}
          {reasonKind === 'official_request' && (
            <TextField
              id={IDS.authority}
              label={t('counter.issue.requester.authority')}
              required
              maxLength={100}
              value={authority}
              onChange={(event) => setAuthority(event.target.value)}
              error={errors.authority}
            />
          )}
        </fieldset>
      )}
      <Select
        id={IDS.identity}
        label={mode === 'mail' ? t('counter.mail.identity') : t('counter.issue.requester.identity')}
        description={
          mode === 'mail'
            ? t('counter.mail.identityDescription')
            : t('counter.issue.requester.identityDescription')
        }
        required
        placeholder={t('counter.municipalityPlaceholder')}
        value={identity}
        onChange={(event) => setIdentity(event.target.value)}
        error={errors.identity}
        options={[
          ...IDENTITY_DOCUMENTS.map((value, index) => ({
            value,
            label: t(`counter.issue.identityDocuments.d${index}` as 'counter.issue.identityDocuments.d0'),
          })),
          { value: OTHER_DOCUMENT, label: t('counter.issue.requester.identityOther') },
        ]}
      />
      {identity === OTHER_DOCUMENT && (
        <TextField
          id={IDS.identityOther}
          label={t('counter.issue.requester.identityOtherName')}
          required
          maxLength={60}
          value={identityOther}
          onChange={(event) => setIdentityOther(event.target.value)}
          error={errors.identityOther}
        />
      )}
      <Button type="submit" size="lg" data-primary disabled={busy}>
        {mode === 'mail' ? t('counter.mail.next') : t('counter.issue.requester.open')}
      </Button>
    </form>
  );
}
