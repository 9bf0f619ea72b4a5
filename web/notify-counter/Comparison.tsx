import { useTranslation } from 'react-i18next';
import { pickMessage } from '../shared/api';
import { useLanguage } from '../shared/i18n/useLanguage';
import type { CounterView, FieldComparison, FieldStatus } from '../shared/moving/api';
import { fullName } from '../shared/moving/content';
import { formatIsoDate } from '../shared/moving/dates';

const STATUS_CLASS: Record<FieldStatus, string> = {
  same: 'notify-diff--same',
  variant: 'notify-diff--variant',
  different: 'notify-diff--different',
  not_given: 'notify-diff--not-given',
};

function moverName(view: CounterView, index: number): string {
  const mover = view.content.movers[index];
  return mover ? fullName(mover) : `#${index + 1}`;
}

/**
 * The draft beside the register, field by field. A difference is marked in
 * words as well as colour (相違 / 異体字のみ / 記入なし): the register's
 * form of a name wins, and the clerk says so rather than "correcting" it.
 */
export function MoverComparisons({ view }: { view: CounterView }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const movers = view.comparison.movers;
  if (movers.length === 0)
    return (
      <p className="notify-muted">
        {view.kind === 'tennyu' ? t('notify-counter.compare.nothing') : t('notify-counter.compare.unmatched')}
      </p>
    );
  const show = (field: FieldComparison, value: string | null) => {
    if (value === null || value === '') return '—';
    if (field.field === 'birthDate') return formatIsoDate(value, lng);
    if (field.field === 'sex') return value === 'F' ? t('moving.people.sexF') : t('moving.people.sexM');
    return value;
  };
  const rows = (fields: FieldComparison[]) =>
    fields.map((field) => (
      <tr
        key={field.field}
        className={STATUS_CLASS[field.status]}
        data-field={field.field}
        data-status={field.status}
      >
        <th scope="row">{pickMessage(field.label, lng)}</th>
        <td>{show(field, field.draft)}</td>
        <td>{show(field, field.register)}</td>
        <td className="notify-diff__status">{t(`notify-counter.compare.statuses.${field.status}`)}</td>
      </tr>
    ));
  return (
    <div className="notify-comparisons">
      {movers.map((mover) => {
        // What the clerk must look at comes first; agreeing and unwritten fields fold away.
        const marked = mover.fields.filter((f) => f.status === 'different' || f.status === 'variant');
        const rest = mover.fields.filter((f) => f.status === 'same' || f.status === 'not_given');
        const differences = mover.fields.filter((f) => f.status === 'different').length;
        const registerLabel =
          mover.source === 'transfer_record'
            ? t('notify-counter.compare.record')
            : t('notify-counter.compare.register');
        const head = (
          <thead>
            <tr>
              <th scope="col">{t('notify-counter.compare.field')}</th>
              <th scope="col">{t('notify-counter.compare.draft')}</th>
              <th scope="col">{registerLabel}</th>
              <th scope="col">{t('notify-counter.compare.status')}</th>
            </tr>
          </thead>
        );
        const title = (
          <>
            {t('moving.people.person', { n: mover.index + 1 })}：{moverName(view, mover.index)}
            <span className="notify-compare__source">
              {mover.source === 'transfer_record'
                ? t('notify-counter.compare.sourceRecord')
                : t('notify-counter.compare.sourceRegister', { id: mover.residentId ?? '—' })}
            </span>
            {differences > 0 && (
              <span className="notify-compare__count">
                {t('notify-counter.compare.differences', { count: differences })}
              </span>
            )}
          </>
        );
        return (
          <div key={mover.index} className="notify-mover" data-mover={mover.index}>
            {marked.length > 0 ? (
              <div className="notify-table-wrap">
                <table className="mg-table notify-compare">
                  <caption>{title}</caption>
                  {head}
                  <tbody>{rows(marked)}</tbody>
                </table>
              </div>
            ) : (
              <p className="notify-mover__title">
                {title}
                <span className="notify-mover__all-same">{t('notify-counter.compare.allSame')}</span>
              </p>
            )}
            {rest.length > 0 && (
              <details className="notify-mover__rest">
                <summary>{t('notify-counter.compare.showRest', { count: rest.length })}</summary>
                <div className="notify-table-wrap">
                  <table className="mg-table notify-compare">
                    {head}
                    <tbody>{rows(rest)}</tbody>
                  </table>
                </div>
              </details>
            )}
          </div>
        );
      })}
    </div>
  );
}

/** What acceptance will change: each mover's address before and after. */
export function PlanTable({ view }: { view: CounterView }) {
  const { t } = useTranslation();
  const plan = view.comparison.plan;
  if (plan.length === 0) return null;
  const line = (address: { address: string; katagaki: string | null } | null) =>
    address ? [address.address, address.katagaki].filter(Boolean).join('　') : '—';
  return (
    <div className="notify-table-wrap">
      <table className="mg-table notify-plan">
        <caption>{t('notify-counter.plan.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('notify-counter.plan.person')}</th>
            <th scope="col">{t('notify-counter.plan.before')}</th>
            <th scope="col">{t('notify-counter.plan.after')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.map((p) => (
            <tr key={p.index}>
              <th scope="row">{moverName(view, p.index)}</th>
              <td>{line(p.before)}</td>
              <td>
                {line(p.after)}
                {p.after.status === 'moved_out' && (
                  <span className="notify-plan__out">{t('notify-counter.plan.movedOut')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The household in the register, so the clerk sees who stays and who is missing from the form. */
export function HouseholdTable({ view }: { view: CounterView }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const household = view.comparison.household;
  if (!household) return null;
  const moving = new Set(view.comparison.movers.map((m) => m.residentId));
  return (
    <div className="notify-table-wrap">
      <table className="mg-table notify-household">
        <caption>{t('notify-counter.household.title', { id: household.householdId })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('notify-counter.household.name')}</th>
            <th scope="col">{t('moving.people.birthDate')}</th>
            <th scope="col">{t('moving.people.relationshipShort')}</th>
            <th scope="col">{t('notify-counter.household.moves')}</th>
          </tr>
        </thead>
        <tbody>
          {household.members.map((member) => (
            <tr key={member.residentId}>
              <th scope="row">
                <span className="notify-household__kana">
                  {member.familyNameKana}　{member.givenNameKana}
                </span>
                {fullName(member)}
              </th>
              <td>{formatIsoDate(member.birthDate, lng)}</td>
              <td>{member.relationship}</td>
              <td>
                {moving.has(member.residentId)
                  ? t('notify-counter.household.moving')
                  : t('notify-counter.household.staying')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
