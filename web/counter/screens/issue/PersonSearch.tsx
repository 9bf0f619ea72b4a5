import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, ErrorAlert, TextField } from '../../../shared/components';
import { useLanguage } from '../../../shared/i18n/useLanguage';
import { type PersonCard, type ResidentHit, readPerson, searchResidents } from '../../api/counter';
import { formatIsoDate } from '../../format';
import { parseTypedDate } from '../../japaneseDate';
import { statusKey } from './PersonCardView';

const fullName = (p: { familyName: string; givenName: string }) => `${p.familyName}　${p.givenName}`;

/**
 * 対象者の検索: kanji in any variant (高橋 finds 髙橋), kana, birth date as the
 * clerk types it (S55.4.1), address or 住民票コード. The search and opening the
 * card are both audited reads, with the purpose 「{{purpose}}」.
 */
export function PersonSearch({
  purpose,
  onChosen,
  idPrefix = 'person',
}: {
  purpose: string;
  onChosen: (card: PersonCard) => void;
  idPrefix?: string;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [name, setName] = useState('');
  const [kana, setKana] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [includeRemoved, setIncludeRemoved] = useState(false);
  const [dateError, setDateError] = useState<string>();
  const [hits, setHits] = useState<ResidentHit[] | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLHeadingElement>(null);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    const iso = birthDate.trim() ? parseTypedDate(birthDate) : undefined;
    if (birthDate.trim() && !iso) {
      setDateError(t('counter.issue.birthDateInvalid'));
      return;
    }
    setDateError(undefined);
    setFailure(undefined);
    setBusy(true);
    try {
      setHits(
        await searchResidents({
          name,
          kana,
          ...(iso ? { birthDate: iso } : {}),
          address,
          juminhyoCode: code.normalize('NFKC').replace(/\D/g, ''),
          includeRemoved,
        }),
      );
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (error) {
      setHits(undefined);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const choose = async (hit: ResidentHit) => {
    setFailure(undefined);
    try {
      onChosen(await readPerson(hit.residentId, purpose));
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <div className="console-person-search">
      <form
        noValidate
        onSubmit={search}
        className="console-filter"
        aria-label={t('counter.issue.searchLabel')}
      >
        <div className="console-filter__grid">
          <TextField
            id={`${idPrefix}-name`}
            label={t('counter.issue.name')}
            description={t('counter.issue.nameDescription')}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <TextField
            id={`${idPrefix}-kana`}
            label={t('counter.issue.kana')}
            value={kana}
            onChange={(event) => setKana(event.target.value)}
          />
          <TextField
            id={`${idPrefix}-birth`}
            label={t('counter.issue.birthDate')}
            description={t('counter.issue.birthDateDescription')}
            value={birthDate}
            onChange={(event) => setBirthDate(event.target.value)}
            error={dateError}
          />
          <TextField
            id={`${idPrefix}-address`}
            label={t('counter.issue.address')}
            value={address}
            onChange={(event) => setAddress(event.target.value)}
          />
          <TextField
            id={`${idPrefix}-code`}
            label={t('counter.issue.juminhyoCode')}
            inputMode="numeric"
            autoComplete="off"
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
          <label className="console-check" htmlFor={`${idPrefix}-removed`}>
            <input
              id={`${idPrefix}-removed`}
              type="checkbox"
              checked={includeRemoved}
              onChange={(event) => setIncludeRemoved(event.target.checked)}
            />
            <span>{t('counter.issue.includeRemoved')}</span>
          </label>
        </div>
        <div className="mg-actions">
          <Button type="submit" data-primary disabled={busy}>
            {t('counter.issue.search')}
          </Button>
        </div>
      </form>
      {failure !== undefined && <ErrorAlert error={failure} />}
      {hits && (
        <section className="console-section" aria-labelledby={`${idPrefix}-results`}>
          <h3 id={`${idPrefix}-results`} ref={resultRef} tabIndex={-1} className="console-subtitle">
            {t('counter.issue.results', { number: hits.length })}
          </h3>
          {hits.length === 0 ? (
            <Alert tone="info">{t('counter.issue.noResults')}</Alert>
          ) : (
            <div className="console-table-wrap">
              <table className="mg-table console-table">
                <caption className="mg-visually-hidden">{t('counter.issue.resultsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('counter.issue.name')}</th>
                    <th scope="col">{t('counter.issue.birthDate')}</th>
                    <th scope="col">{t('counter.issue.address')}</th>
                    <th scope="col">{t('counter.issue.status')}</th>
                    <th scope="col">
                      <span className="mg-visually-hidden">{t('counter.issue.choose')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {hits.map((hit) => (
                    <tr key={hit.residentId} data-resident={hit.residentId}>
                      <th scope="row" className="console-row-head">
                        <span className="console-cell-main console-name">{fullName(hit)}</span>
                        <span className="console-cell-sub">
                          {hit.familyNameKana}　{hit.givenNameKana}
                        </span>
                      </th>
                      <td className="console-nowrap">{formatIsoDate(hit.birthDate, lng)}</td>
                      <td>
                        {hit.address}
                        {hit.katagaki && <span className="console-cell-sub">{hit.katagaki}</span>}
                      </td>
                      <td>
                        <span className="console-cell-main">
                          {t(`counter.issue.statuses.${statusKey(hit.status)}`)}
                        </span>
                        {hit.warning && (
                          <span className="console-status console-status--locked">
                            {t('counter.issue.supportMeasure')}
                          </span>
                        )}
                      </td>
                      <td>
                        <Button
                          variant="secondary"
                          onClick={() => void choose(hit)}
                          aria-label={t('counter.issue.chooseLabel', { name: fullName(hit) })}
                        >
                          {t('counter.issue.choose')}
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
