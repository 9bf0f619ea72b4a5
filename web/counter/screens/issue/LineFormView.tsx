import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, CheckboxGroup, RadioGroup, Select, TextField } from '../../../shared/components';
import {
  CERTIFICATE_TYPES,
  type CertificateLine,
  type CertificateType,
  EXEMPTION_KINDS,
  type ExemptionKind,
  JUMINHYO_ITEMS,
  KISAI_ITEMS,
  type PersonCard,
  RELATIONS,
  type Relation,
} from '../../api/counter';
import {
  defaultScope,
  defaultTaxYear,
  emptyLineForm,
  type LineForm,
  type LineProblem,
  lineOf,
  REGISTER_CERTIFICATES,
} from '../../certificateForm';
import { todayInJapan } from '../../format';
import { registerStatusKey } from './PersonCardView';
import type { RequesterFacts } from './RequesterForm';

/** What the counter offers for the person: 除票 only for people no longer resident, 印鑑 only with a registered seal. */
function offered(person: PersonCard): CertificateType[] {
  return CERTIFICATE_TYPES.filter((type) => {
    if (type === 'juminhyo-johyo') return person.status !== 'active';
    if (REGISTER_CERTIFICATES.includes(type)) return person.registers.length > 0;
    return true;
  });
}

/** One certificate for the person on the card: its kind, options, copies and any fee exemption. */
export function LineFormView({
  person,
  facts,
  busy,
  onAdd,
}: {
  person: PersonCard;
  facts: RequesterFacts;
  busy: boolean;
  onAdd: (line: CertificateLine) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<LineForm>(() => emptyLineForm(facts.relation, person));
  const [problems, setProblems] = useState<LineProblem[]>([]);
  const set = <K extends keyof LineForm>(key: K, value: LineForm[K]) =>
    setForm((previous) => ({ ...previous, [key]: value }));
  const problem = (p: LineProblem) =>
    problems.includes(p) ? t(`counter.issue.line.problems.${p}`) : undefined;

  const chooseCertificate = (certificate: CertificateType | '') =>
    setForm((previous) => ({
      ...previous,
      certificate,
      scope: defaultScope(certificate),
      include: [],
      items: [],
      memberIds: [person.residentId],
      taxYear: certificate === 'kazei' ? String(defaultTaxYear(todayInJapan())) : previous.taxYear,
      kosekiId: registersFor(certificate)[0]?.kosekiId,
    }));

  // 除籍 and 改製原戸籍 are the closed and pre-revision registers; the others read the current one.
  const registersFor = (certificate: CertificateType | '') =>
    person.registers.filter((r) =>
      certificate === 'koseki-joseki'
        ? r.registerStatus === 'closed'
        : certificate === 'koseki-kaiseigen'
          ? r.registerStatus === 'kaisei_gen'
          : registerStatusKey(r.registerStatus) === 'current',
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const result = lineOf(form, person, {
      powerOfAttorney: facts.powerOfAttorney,
      ...(facts.lawfulReason ? { lawfulReason: facts.lawfulReason } : {}),
    });
    if ('problems' in result) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    if (await onAdd(result.line)) setForm(emptyLineForm(facts.relation, person));
  };

  const c = form.certificate;
  const members = person.household.map((m) => ({
    value: String(m.residentId),
    label: `${m.familyName}　${m.givenName}（${m.relationship ?? '—'}）`,
  }));
  const registers = registersFor(c);

  return (
    <form noValidate onSubmit={submit} className="console-line-form" aria-labelledby="line-form-title">
      <h3 id="line-form-title" className="console-subtitle">
        {t('counter.issue.line.title', { name: `${person.familyName}　${person.givenName}` })}
      </h3>
      <div className="console-line-form__grid">
        <Select
          id="line-certificate"
          label={t('counter.issue.line.certificate')}
          required
          placeholder={t('counter.municipalityPlaceholder')}
          value={c}
          onChange={(event) => chooseCertificate(event.target.value as CertificateType | '')}
          error={problem('certificate')}
          options={offered(person).map((type) => ({ value: type, label: t(`counter.certificates.${type}`) }))}
        />
        <Select
          id="line-relation"
          label={t('counter.issue.line.relation')}
          value={form.relation}
          onChange={(event) => set('relation', event.target.value as Relation)}
          options={RELATIONS.map((value) => ({ value, label: t(`counter.issue.relations.${value}`) }))}
        />
        <TextField
          id="line-copies"
          label={t('counter.issue.line.copies')}
          inputMode="numeric"
          className="counter-number"
          value={form.copies}
          onChange={(event) => set('copies', event.target.value)}
          error={problem('copies')}
        />
      </div>

      {c === 'juminhyo' && (
        <RadioGroup
          id="line-scope"
          name="line-scope"
          legend={t('counter.issue.line.scope')}
          value={form.scope}
          onChange={(value) => set('scope', value)}
          options={[
            { value: 'household', label: t('counter.issue.line.scopeHousehold') },
            { value: 'members', label: t('counter.issue.line.scopeMembers') },
          ]}
        />
      )}
      {((c === 'juminhyo' && form.scope === 'members') || c === 'juminhyo-kisai') && (
        <CheckboxGroup
          id="line-members"
          name="line-members"
          legend={t('counter.issue.line.members')}
          required
          values={form.memberIds.map(String)}
          onChange={(values) => set('memberIds', values.map(Number))}
          error={problem('members')}
          options={members}
        />
      )}
      {(c === 'juminhyo' || c === 'juminhyo-johyo') && (
        <CheckboxGroup
          id="line-include"
          name="line-include"
          legend={t('counter.issue.line.include')}
          description={t('counter.issue.line.includeDescription')}
          values={form.include}
          onChange={(values) => set('include', values)}
          options={JUMINHYO_ITEMS.map((item) => ({ value: item, label: t(`counter.items.${item}`) }))}
        />
      )}
      {c === 'juminhyo-kisai' && (
        <CheckboxGroup
          id="line-items"
          name="line-items"
          legend={t('counter.issue.line.items')}
          required
          values={form.items}
          onChange={(values) => set('items', values)}
          error={problem('items')}
          options={KISAI_ITEMS.map((item) => ({ value: item, label: t(`counter.items.${item}`) }))}
        />
      )}
      {c === 'inkan' && (
        <label className="console-check console-check--boxed" htmlFor="line-seal-card">
          <input
            id="line-seal-card"
            type="checkbox"
            checked={form.sealCardPresented}
            onChange={(event) => set('sealCardPresented', event.target.checked)}
          />
          <span>{t('counter.issue.line.sealCard')}</span>
        </label>
      )}
      {c === 'kazei' && (
        <TextField
          id="line-tax-year"
          label={t('counter.issue.line.taxYear')}
          description={t('counter.issue.line.taxYearDescription')}
          inputMode="numeric"
          className="counter-number"
          value={form.taxYear}
          onChange={(event) => set('taxYear', event.target.value)}
          error={problem('taxYear')}
        />
      )}
      {c !== '' && REGISTER_CERTIFICATES.includes(c) && (
        <Select
          id="line-register"
          label={t('counter.issue.line.register')}
          required
          placeholder={
            registers.length ? t('counter.municipalityPlaceholder') : t('counter.issue.line.noRegister')
          }
          value={form.kosekiId === undefined ? '' : String(form.kosekiId)}
          onChange={(event) => set('kosekiId', event.target.value ? Number(event.target.value) : undefined)}
          error={problem('register')}
          options={registers.map((r) => ({
            value: String(r.kosekiId),
            label: `${r.honseki}　${r.hittosha}（${t(`counter.issue.registerStatus.${registerStatusKey(r.registerStatus)}`)}）`,
          }))}
        />
      )}
      {c === 'fuhyo' && (
        <>
          <RadioGroup
            id="line-fuhyo-scope"
            name="line-fuhyo-scope"
            legend={t('counter.issue.line.scope')}
            value={form.scope}
            onChange={(value) => set('scope', value)}
            options={[
              { value: 'all', label: t('counter.issue.line.scopeAll') },
              { value: 'members', label: t('counter.issue.line.scopeThisPerson') },
            ]}
          />
          <CheckboxGroup
            id="line-fuhyo-include"
            name="line-fuhyo-include"
            legend={t('counter.issue.line.include')}
            values={form.include}
            onChange={(values) => set('include', values)}
            options={[{ value: 'honseki', label: t('counter.items.honseki') }]}
          />
        </>
      )}
      {(c === 'koseki-joseki' || c === 'koseki-kaiseigen') && (
        <RadioGroup
          id="line-register-scope"
          name="line-register-scope"
          legend={t('counter.issue.line.scope')}
          value={form.scope}
          onChange={(value) => set('scope', value)}
          options={[
            { value: 'all', label: t('counter.issue.line.scopeAllRegister') },
            { value: 'member', label: t('counter.issue.line.scopeThisPerson') },
          ]}
        />
      )}

      <label className="console-check" htmlFor="line-exempt">
        <input
          id="line-exempt"
          type="checkbox"
          checked={form.exempt}
          onChange={(event) => set('exempt', event.target.checked)}
        />
        <span>{t('counter.issue.line.exempt')}</span>
      </label>
      {form.exempt && (
        <div className="console-line-form__grid">
          <Select
            id="line-exemption-kind"
            label={t('counter.issue.line.exemptionKind')}
            required
            placeholder={t('counter.municipalityPlaceholder')}
            value={form.exemptionKind}
            onChange={(event) => set('exemptionKind', event.target.value as ExemptionKind | '')}
            error={problem('exemptionKind')}
            options={EXEMPTION_KINDS.map((value) => ({ value, label: t(`counter.exemptions.${value}`) }))}
          />
          <TextField
            id="line-exemption-reason"
            label={t('counter.issue.line.exemptionReason')}
            description={t('counter.issue.line.exemptionReasonDescription')}
            required
            maxLength={200}
            value={form.exemptionReason}
            onChange={(event) => set('exemptionReason', event.target.value)}
            error={problem('exemptionReason')}
          />
        </div>
      )}
      <div className="mg-actions">
        <Button type="submit" data-primary disabled={busy}>
          {t('counter.issue.line.add')}
        </Button>
      </div>
    </form>
  );
}
