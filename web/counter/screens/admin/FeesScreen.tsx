import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  CheckboxGroup,
  Dialog,
  ErrorAlert,
  Select,
  TextField,
} from '../../../shared/components';
import { useLanguage } from '../../../shared/i18n/useLanguage';
import {
  addCampaign,
  CHANNELS,
  type Channel,
  changeFee,
  endCampaign,
  type FeeCampaignRow,
  type FeeRuleRow,
  type FeesView,
  KIOSK_KINDS,
  type KioskKind,
  type PriceAnswer,
  priceOn,
  showFees,
  withdrawCampaign,
} from '../../api/admin';
import { CERTIFICATE_TYPES, type CertificateType } from '../../api/counter';
import { parseYen } from '../../certificateForm';
import { formatIsoDate, formatYen, todayInJapan } from '../../format';
import { parseTypedDate } from '../../japaneseDate';
import { ScreenHeading } from '../../ScreenHeading';
import { useSubmission } from '../../useSubmission';

/** The rule of each certificate × channel × kiosk kind in force on `today`, and the ones still to come. */
export function feeTable(rules: readonly FeeRuleRow[], today: string) {
  const groups = new Map<string, { current?: FeeRuleRow; future: FeeRuleRow[]; past: FeeRuleRow[] }>();
  for (const rule of rules) {
    const key = `${rule.certificate}|${rule.channel}|${rule.kioskKind ?? ''}`;
    const group = groups.get(key) ?? { future: [], past: [] };
    if (rule.validFrom > today) group.future.push(rule);
    else if (rule.validTo !== null && rule.validTo < today) group.past.push(rule);
    else group.current = rule;
    groups.set(key, group);
  }
  const rank = (rule: FeeRuleRow) =>
    CERTIFICATE_TYPES.indexOf(rule.certificate) * 100 +
    CHANNELS.indexOf(rule.channel) * 10 +
    (rule.kioskKind ? KIOSK_KINDS.indexOf(rule.kioskKind) + 1 : 0);
  const first = (g: { current?: FeeRuleRow; future: FeeRuleRow[]; past: FeeRuleRow[] }) =>
    g.current ?? g.future[0] ?? g.past.at(-1);
  // The order of the ordinance's table: certificate by certificate, then counter, mail, kiosk, online.
  return [...groups.values()].sort((a, b) => rank(first(a)!) - rank(first(b)!));
}

export function campaignState(campaign: FeeCampaignRow, today: string): 'planned' | 'running' | 'ended' {
  if (campaign.validFrom > today) return 'planned';
  if (campaign.validTo < today) return 'ended';
  return 'running';
}

/** 手数料・キャンペーン: the fees in force, their history, changes from a date, and time-limited campaigns. */
export function FeesScreen() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [view, setView] = useState<FeesView | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const [stopping, setStopping] = useState<
    { campaign: FeeCampaignRow; mode: 'end' | 'withdraw' } | undefined
  >();
  const today = todayInJapan();

  const load = useCallback(async () => {
    try {
      setView(await showFees());
    } catch (error) {
      setFailure(error);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  // The table is read again first, so the message never describes a state the screen does not show yet.
  const finished = async (message: string) => {
    await load();
    setDone(message);
  };

  const channelName = (rule: { channel: Channel; kioskKind: KioskKind | null }) =>
    rule.kioskKind
      ? `${t(`counter.admin.channels.${rule.channel}`)}（${t(`counter.admin.kioskKinds.${rule.kioskKind}`)}）`
      : t(`counter.admin.channels.${rule.channel}`);

  return (
    <>
      <ScreenHeading>{t('counter.nav.fees')}</ScreenHeading>
      <p className="mg-lead">{t('counter.admin.fees.lead')}</p>
      {done && <Alert tone="success">{done}</Alert>}
      {failure !== undefined && <ErrorAlert error={failure} />}
      {view?.problems.map((problem) => (
        <Alert
          key={`${problem.code}-${problem.ids.join()}`}
          tone={problem.severity === 'error' ? 'error' : 'warning'}
        >
          {lng === 'ja' ? problem.ja : problem.en}
        </Alert>
      ))}
      {view && (
        <section className="console-section" aria-labelledby="fees-now">
          <h2 id="fees-now" className="mg-section-title">
            {t('counter.admin.fees.nowTitle', { date: formatIsoDate(today, lng) })}
          </h2>
          <div className="console-table-wrap">
            <table className="mg-table console-table" data-testid="fee-table">
              <caption className="mg-visually-hidden">
                {t('counter.admin.fees.nowTitle', { date: today })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('counter.issue.line.certificate')}</th>
                  <th scope="col">{t('counter.admin.channel')}</th>
                  <th scope="col" className="console-num">
                    {t('counter.admin.fees.fee')}
                  </th>
                  <th scope="col">{t('counter.admin.fees.since')}</th>
                  <th scope="col">{t('counter.admin.fees.upcoming')}</th>
                </tr>
              </thead>
              <tbody>
                {feeTable(view.rules, today).map((group, index, all) => {
                  const rule = group.current ?? group.future[0] ?? group.past.at(-1);
                  if (!rule) return null;
                  const previous = all[index - 1];
                  const firstOfCertificate =
                    !previous ||
                    (previous.current ?? previous.future[0] ?? previous.past.at(-1))?.certificate !==
                      rule.certificate;
                  return (
                    <tr
                      key={rule.ruleId}
                      data-certificate={rule.certificate}
                      data-channel={rule.channel}
                      className={firstOfCertificate ? 'console-group-start' : undefined}
                    >
                      <th scope="row" className="console-row-head">
                        <span className={firstOfCertificate ? undefined : 'mg-visually-hidden'}>
                          {t(`counter.certificates.${rule.certificate}`)}
                        </span>
                      </th>
                      <td>{channelName(rule)}</td>
                      <td className="console-num">
                        {group.current ? formatYen(group.current.fee, lng) : t('counter.admin.fees.none')}
                      </td>
                      <td>
                        {group.current ? formatIsoDate(group.current.validFrom, lng) : '—'}
                        {group.current?.basis && (
                          <span className="console-cell-sub">{group.current.basis}</span>
                        )}
                      </td>
                      <td>
                        {group.future.map((f) => (
                          <span key={f.ruleId} className="console-cell-main">
                            {t('counter.admin.fees.from', {
                              date: formatIsoDate(f.validFrom, lng),
                              fee: formatYen(f.fee, lng),
                            })}
                          </span>
                        ))}
                        {group.future.length === 0 && '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <FeeChangeForm onDone={finished} />
      {view && (
        <CampaignList
          campaigns={view.campaigns}
          today={today}
          onStop={(campaign, mode) => setStopping({ campaign, mode })}
        />
      )}
      <CampaignForm onDone={finished} />
      <PriceCheck />
      {stopping && (
        <StopCampaignDialog
          campaign={stopping.campaign}
          mode={stopping.mode}
          today={today}
          onClose={() => setStopping(undefined)}
          onDone={(message) => {
            setStopping(undefined);
            void finished(message);
          }}
        />
      )}
    </>
  );
}

/** The choices every fee form offers, in the reader's language. */
function useChoices() {
  const { t } = useTranslation();
  const certificates: { value: string; label: string }[] = CERTIFICATE_TYPES.map((value) => ({
    value,
    label: t(`counter.certificates.${value}`),
  }));
  const channels: { value: string; label: string }[] = CHANNELS.map((value) => ({
    value,
    label: t(`counter.admin.channels.${value}`),
  }));
  const kioskKinds: { value: string; label: string }[] = [
    { value: '', label: t('counter.admin.kioskKinds.both') },
    ...KIOSK_KINDS.map((value) => ({ value, label: t(`counter.admin.kioskKinds.${value}`) })),
  ];
  return { certificates, channels, kioskKinds };
}

function FeeChangeForm({ onDone }: { onDone: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const choices = useChoices();
  const lng = useLanguage();
  const [certificate, setCertificate] = useState<CertificateType | ''>('');
  const [channel, setChannel] = useState<Channel | ''>('');
  const [kioskKind, setKioskKind] = useState<KioskKind | ''>('');
  const [fee, setFee] = useState('');
  const [from, setFrom] = useState('');
  const [basis, setBasis] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { busy, failure, setFailure, run } = useSubmission();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const amount = parseYen(fee);
    const date = parseTypedDate(from);
    if (!certificate) found.certificate = t('counter.issue.line.problems.certificate');
    if (!channel) found.channel = t('counter.admin.errors.channel');
    if (amount === undefined) found.fee = t('counter.admin.errors.fee');
    if (!date) found.from = t('counter.admin.errors.date');
    if (!reason.trim()) found.reason = t('counter.staff.reasonRequired');
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0 || !certificate || !channel || amount === undefined || !date) return;
    await run(async () => {
      await changeFee({
        certificate,
        channel,
        ...(channel === 'kiosk' && kioskKind ? { kioskKind } : {}),
        fee: amount,
        from: date,
        ...(basis.trim() ? { basis: basis.trim() } : {}),
        reason: reason.trim(),
      });
      setFee('');
      setReason('');
      setBasis('');
      await onDone(
        t('counter.admin.fees.changed', {
          certificate: t(`counter.certificates.${certificate}`),
          fee: formatYen(amount, lng),
          date: formatIsoDate(date, lng),
        }),
      );
    });
  };

  return (
    <section className="mg-card console-section" aria-labelledby="fee-change-title">
      <h2 id="fee-change-title" className="mg-card__title">
        {t('counter.admin.fees.changeTitle')}
      </h2>
      <p>{t('counter.admin.fees.changeLead')}</p>
      {failure !== undefined && <ErrorAlert error={failure} />}
      <form noValidate onSubmit={submit}>
        <div className="console-line-form__grid">
          <Select
            id="fee-certificate"
            label={t('counter.issue.line.certificate')}
            required
            placeholder={t('counter.municipalityPlaceholder')}
            value={certificate}
            onChange={(event) => setCertificate(event.target.value as CertificateType)}
            error={errors.certificate}
            options={choices.certificates}
          />
          <Select
            id="fee-channel"
            label={t('counter.admin.channel')}
            required
            placeholder={t('counter.municipalityPlaceholder')}
            value={channel}
            onChange={(event) => setChannel(event.target.value as Channel)}
            error={errors.channel}
            options={choices.channels}
          />
          {channel === 'kiosk' && (
            <Select
              id="fee-kiosk-kind"
              label={t('counter.admin.kioskKind')}
              value={kioskKind}
              onChange={(event) => setKioskKind(event.target.value as KioskKind | '')}
              options={choices.kioskKinds}
            />
          )}
          <TextField
            id="fee-amount"
            label={t('counter.admin.fees.newFee')}
            inputMode="numeric"
            required
            className="console-yen-field"
            value={fee}
            onChange={(event) => setFee(event.target.value)}
            error={errors.fee}
          />
          <TextField
            id="fee-from"
            label={t('counter.admin.fees.effective')}
            description={t('counter.admin.fees.effectiveDescription')}
            required
            value={from}
            onChange={(event) => setFrom(event.target.value)}
            error={errors.from}
          />
          <TextField
            id="fee-basis"
            label={t('counter.admin.fees.basis')}
            description={t('counter.admin.fees.basisDescription')}
            maxLength={200}
            value={basis}
            onChange={(event) => setBasis(event.target.value)}
          />
        </div>
        <TextField
          id="fee-reason"
          label={t('counter.staff.reason')}
          required
          maxLength={400}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={errors.reason}
        />
        <Button type="submit" data-primary disabled={busy}>
          {t('counter.admin.fees.change')}
        </Button>
      </form>
    </section>
  );
}

function CampaignList({
  campaigns,
  today,
  onStop,
}: {
  campaigns: FeeCampaignRow[];
  today: string;
  onStop: (campaign: FeeCampaignRow, mode: 'end' | 'withdraw') => void;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  return (
    <section className="console-section" aria-labelledby="campaigns-title">
      <h2 id="campaigns-title" className="mg-section-title">
        {t('counter.admin.campaigns.title')}
      </h2>
      {campaigns.length === 0 ? (
        <p className="console-muted">{t('counter.admin.campaigns.none')}</p>
      ) : (
        <div className="console-table-wrap">
          <table className="mg-table console-table" data-testid="campaigns">
            <caption className="mg-visually-hidden">{t('counter.admin.campaigns.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('counter.admin.campaigns.name')}</th>
                <th scope="col">{t('counter.admin.campaigns.target')}</th>
                <th scope="col" className="console-num">
                  {t('counter.admin.fees.fee')}
                </th>
                <th scope="col">{t('counter.admin.campaigns.period')}</th>
                <th scope="col">{t('counter.issue.status')}</th>
                <th scope="col">
                  <span className="mg-visually-hidden">{t('counter.staff.colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((campaign) => {
                const state = campaignState(campaign, today);
                return (
                  <tr key={campaign.campaignId} data-campaign={campaign.name}>
                    <th scope="row" className="console-row-head">
                      {campaign.name}
                    </th>
                    <td>
                      {campaign.certificates.map((c) => t(`counter.certificates.${c}`)).join('、')}
                      <span className="console-cell-sub">
                        {campaign.channels.map((c) => t(`counter.admin.channels.${c}`)).join('、')}
                        {campaign.kioskKinds &&
                          `（${campaign.kioskKinds.map((k) => t(`counter.admin.kioskKinds.${k}`)).join('、')}）`}
                      </span>
                    </td>
                    <td className="console-num">{formatYen(campaign.fee, lng)}</td>
                    <td>
                      {formatIsoDate(campaign.validFrom, lng)}〜{formatIsoDate(campaign.validTo, lng)}
                    </td>
                    <td>
                      <span className={`console-status console-status--campaign-${state}`}>
                        {t(`counter.admin.campaigns.states.${state}`)}
                      </span>
                    </td>
                    <td className="console-row-actions">
                      {state === 'running' && (
                        <Button variant="secondary" onClick={() => onStop(campaign, 'end')}>
                          {t('counter.admin.campaigns.end')}
                        </Button>
                      )}
                      {state === 'planned' && (
                        <Button variant="secondary" onClick={() => onStop(campaign, 'withdraw')}>
                          {t('counter.admin.campaigns.withdraw')}
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CampaignForm({ onDone }: { onDone: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const choices = useChoices();
  const lng = useLanguage();
  const [name, setName] = useState('');
  const [certificates, setCertificates] = useState<string[]>([]);
  const [channels, setChannels] = useState<string[]>([]);
  const [kioskKinds, setKioskKinds] = useState<string[]>([]);
  const [fee, setFee] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { busy, failure, setFailure, run } = useSubmission();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const amount = parseYen(fee);
    const from = parseTypedDate(validFrom);
    const to = parseTypedDate(validTo);
    if (!name.trim()) found.name = t('counter.admin.errors.name');
    if (certificates.length === 0) found.certificates = t('counter.admin.errors.certificates');
    if (channels.length === 0) found.channels = t('counter.admin.errors.channels');
    if (amount === undefined) found.fee = t('counter.admin.errors.fee');
    if (!from) found.validFrom = t('counter.admin.errors.date');
    if (!to) found.validTo = t('counter.admin.errors.date');
    else if (from && to < from) found.validTo = t('counter.audit.rangeInvalid');
    if (!reason.trim()) found.reason = t('counter.staff.reasonRequired');
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0 || amount === undefined || !from || !to) return;
    await run(async () => {
      await addCampaign({
        name: name.trim(),
        certificates: certificates as CertificateType[],
        channels: channels as Channel[],
        ...(channels.includes('kiosk') && kioskKinds.length > 0
          ? { kioskKinds: kioskKinds as KioskKind[] }
          : {}),
        fee: amount,
        validFrom: from,
        validTo: to,
        reason: reason.trim(),
      });
      setName('');
      setReason('');
      await onDone(t('counter.admin.campaigns.added', { name: name.trim(), fee: formatYen(amount, lng) }));
    });
  };

  return (
    <section className="mg-card console-section" aria-labelledby="campaign-form-title">
      <h2 id="campaign-form-title" className="mg-card__title">
        {t('counter.admin.campaigns.addTitle')}
      </h2>
      <p>{t('counter.admin.campaigns.addLead')}</p>
      {failure !== undefined && <ErrorAlert error={failure} />}
      <form noValidate onSubmit={submit}>
        <TextField
          id="campaign-name"
          label={t('counter.admin.campaigns.name')}
          description={t('counter.admin.campaigns.nameDescription')}
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors.name}
        />
        <div className="console-line-form">
          <CheckboxGroup
            id="campaign-certificates"
            name="campaign-certificates"
            legend={t('counter.admin.campaigns.certificates')}
            required
            values={certificates}
            onChange={setCertificates}
            error={errors.certificates}
            options={choices.certificates}
          />
          <CheckboxGroup
            id="campaign-channels"
            name="campaign-channels"
            legend={t('counter.admin.campaigns.channels')}
            required
            values={channels}
            onChange={setChannels}
            error={errors.channels}
            options={choices.channels}
          />
          {channels.includes('kiosk') && (
            <CheckboxGroup
              id="campaign-kiosk-kinds"
              name="campaign-kiosk-kinds"
              legend={t('counter.admin.kioskKind')}
              description={t('counter.admin.campaigns.kioskKindsDescription')}
              values={kioskKinds}
              onChange={setKioskKinds}
              options={KIOSK_KINDS.map((value) => ({ value, label: t(`counter.admin.kioskKinds.${value}`) }))}
            />
          )}
        </div>
        <div className="console-line-form__grid">
          <TextField
            id="campaign-fee"
            label={t('counter.admin.campaigns.fee')}
            inputMode="numeric"
            required
            className="console-yen-field"
            value={fee}
            onChange={(event) => setFee(event.target.value)}
            error={errors.fee}
          />
          <TextField
            id="campaign-from"
            label={t('counter.admin.campaigns.from')}
            required
            value={validFrom}
            onChange={(event) => setValidFrom(event.target.value)}
            error={errors.validFrom}
          />
          <TextField
            id="campaign-to"
            label={t('counter.admin.campaigns.to')}
            required
            value={validTo}
            onChange={(event) => setValidTo(event.target.value)}
            error={errors.validTo}
          />
        </div>
        <TextField
          id="campaign-reason"
          label={t('counter.staff.reason')}
          required
          maxLength={400}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={errors.reason}
        />
        <Button type="submit" data-primary disabled={busy}>
          {t('counter.admin.campaigns.add')}
        </Button>
      </form>
    </section>
  );
}

function StopCampaignDialog({
  campaign,
  mode,
  today,
  onClose,
  onDone,
}: {
  campaign: FeeCampaignRow;
  mode: 'end' | 'withdraw';
  today: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [lastDay, setLastDay] = useState(today);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>();
  const submit = async () => {
    const day = parseTypedDate(lastDay);
    const found: Record<string, string> = {};
    if (mode === 'end' && !day) found.lastDay = t('counter.admin.errors.date');
    if (!reason.trim()) found.reason = t('counter.staff.reasonRequired');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      if (mode === 'withdraw') {
        await withdrawCampaign(campaign.campaignId, reason.trim());
        onDone(t('counter.admin.campaigns.withdrawn', { name: campaign.name }));
        return;
      }
      if (!day) return;
      await endCampaign(campaign.campaignId, day, reason.trim());
      onDone(t('counter.admin.campaigns.ended', { name: campaign.name, date: formatIsoDate(day, lng) }));
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t(`counter.admin.campaigns.${mode}Title`, { name: campaign.name })}
      actions={
        <>
          <Button variant="tertiary" onClick={onClose}>
            {t('counter.staff.cancel')}
          </Button>
          <Button onClick={() => void submit()}>{t(`counter.admin.campaigns.${mode}`)}</Button>
        </>
      }
    >
      {failure !== undefined && <ErrorAlert error={failure} />}
      {mode === 'end' && (
        <TextField
          id="campaign-last-day"
          label={t('counter.admin.campaigns.lastDay')}
          required
          value={lastDay}
          onChange={(event) => setLastDay(event.target.value)}
          error={errors.lastDay}
        />
      )}
      <TextField
        id="campaign-end-reason"
        label={t('counter.staff.reason')}
        required
        maxLength={400}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={errors.reason}
      />
    </Dialog>
  );
}

function PriceCheck() {
  const { t } = useTranslation();
  const choices = useChoices();
  const lng = useLanguage();
  const [certificate, setCertificate] = useState<CertificateType>('juminhyo');
  const [channel, setChannel] = useState<Channel>('counter');
  const [kioskKind, setKioskKind] = useState<KioskKind | ''>('');
  const [on, setOn] = useState(() => todayInJapan());
  const [answer, setAnswer] = useState<PriceAnswer | undefined>();
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const day = parseTypedDate(on);
    if (!day) {
      setError(t('counter.admin.errors.date'));
      return;
    }
    setError(undefined);
    setFailure(undefined);
    try {
      setAnswer(
        await priceOn({
          certificate,
          channel,
          ...(channel === 'kiosk' && kioskKind ? { kioskKind } : {}),
          on: day,
        }),
      );
    } catch (caught) {
      setAnswer(undefined);
      setFailure(caught);
    }
  };
  return (
    <section className="mg-card console-section" aria-labelledby="price-check-title">
      <h2 id="price-check-title" className="mg-card__title">
        {t('counter.admin.price.title')}
      </h2>
      <p>{t('counter.admin.price.lead')}</p>
      <form noValidate onSubmit={submit}>
        <div className="console-line-form__grid">
          <Select
            id="price-certificate"
            label={t('counter.issue.line.certificate')}
            value={certificate}
            onChange={(event) => setCertificate(event.target.value as CertificateType)}
            options={choices.certificates}
          />
          <Select
            id="price-channel"
            label={t('counter.admin.channel')}
            value={channel}
            onChange={(event) => setChannel(event.target.value as Channel)}
            options={choices.channels}
          />
          {channel === 'kiosk' && (
            <Select
              id="price-kiosk-kind"
              label={t('counter.admin.kioskKind')}
              value={kioskKind}
              onChange={(event) => setKioskKind(event.target.value as KioskKind | '')}
              options={choices.kioskKinds}
            />
          )}
          <TextField
            id="price-on"
            label={t('counter.admin.price.on')}
            value={on}
            onChange={(event) => setOn(event.target.value)}
            error={error}
          />
        </div>
        <Button type="submit" variant="secondary">
          {t('counter.admin.price.check')}
        </Button>
      </form>
      {failure !== undefined && <ErrorAlert error={failure} />}
      {answer && (
        <p className="console-amount" role="status" data-testid="price-answer">
          <span>{t('counter.admin.price.answer', { date: formatIsoDate(answer.on, lng) })}</span>
          <strong>{formatYen(answer.unitFee, lng)}</strong>
          {answer.campaignId && <span className="console-muted">{t('counter.admin.price.campaign')}</span>}
        </p>
      )}
    </section>
  );
}
