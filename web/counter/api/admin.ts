/** Typed calls of the administrators' screens (src/admin/http/admin.routes.ts, docs/counter-and-mail.md §4). */
import type { LocalizedMessage } from '../../shared/api';
import type { Channel, KioskKind, ServiceHoursConfig } from '../domain';
import type { CertificateType } from './counter';
import { staffFetch } from './session';

export { CHANNELS, type Channel, KIOSK_KINDS, type KioskKind } from '../domain';

export interface FeeRuleRow {
  ruleId: string;
  certificate: CertificateType;
  nameJa: string;
  channel: Channel;
  kioskKind: KioskKind | null;
  fee: number;
  validFrom: string;
  validTo: string | null;
  basis: string | null;
}

export interface FeeCampaignRow {
  campaignId: string;
  name: string;
  certificates: CertificateType[];
  channels: Channel[];
  kioskKinds: KioskKind[] | null;
  fee: number;
  validFrom: string;
  validTo: string;
}

export interface FeesView {
  rules: FeeRuleRow[];
  campaigns: FeeCampaignRow[];
  problems: (LocalizedMessage & { code: string; severity: 'error' | 'warning'; ids: string[] })[];
}

export function showFees(signal?: AbortSignal): Promise<FeesView> {
  return staffFetch('/api/v1/admin/fees', { signal });
}

export interface PriceAnswer {
  on: string;
  unitFee: number;
  copies: number;
  total: number;
  standardUnitFee: number;
  campaignId: string | null;
}

export function priceOn(query: {
  certificate: CertificateType;
  channel: Channel;
  kioskKind?: KioskKind;
  on: string;
}): Promise<PriceAnswer> {
  const params = new URLSearchParams({
    certificate: query.certificate,
    channel: query.channel,
    on: query.on,
  });
  if (query.kioskKind) params.set('kioskKind', query.kioskKind);
  return staffFetch(`/api/v1/admin/fees/price?${params}`);
}

export function changeFee(body: {
  certificate: CertificateType;
  channel: Channel;
  kioskKind?: KioskKind;
  fee: number;
  from: string;
  basis?: string;
  reason: string;
}): Promise<unknown> {
  return staffFetch('/api/v1/admin/fees/changes', { body });
}

export function addCampaign(body: {
  name: string;
  certificates: CertificateType[];
  channels: Channel[];
  kioskKinds?: KioskKind[];
  fee: number;
  validFrom: string;
  validTo: string;
  reason: string;
}): Promise<unknown> {
  return staffFetch('/api/v1/admin/fees/campaigns', { body });
}

export function endCampaign(campaignId: string, lastDay: string, reason: string): Promise<unknown> {
  return staffFetch(`/api/v1/admin/fees/campaigns/${encodeURIComponent(campaignId)}/end`, {
    body: { lastDay, reason },
  });
}

export function withdrawCampaign(campaignId: string, reason: string): Promise<unknown> {
  return staffFetch(`/api/v1/admin/fees/campaigns/${encodeURIComponent(campaignId)}/withdraw`, {
    body: { reason },
  });
}

export { type HoursPlan, PLANS, type PlanName, type ServiceHoursConfig, type WeeklyWindow } from '../domain';

export interface HoursView {
  version: number;
  source: 'standard' | 'municipality';
  config: ServiceHoursConfig;
  recordedAt?: string;
  recordedBy?: string;
}

export function showHours(signal?: AbortSignal): Promise<HoursView> {
  return staffFetch('/api/v1/admin/hours', { signal });
}

export function saveHours(config: ServiceHoursConfig, baseVersion: number, reason: string): Promise<unknown> {
  return staffFetch('/api/v1/admin/hours', { method: 'PUT', body: { config, baseVersion, reason } });
}

export function hoursHistory(): Promise<
  { version: number; reason: string; recordedAt: string; recordedBy: string }[]
> {
  return staffFetch<{
    versions: { version: number; reason: string; recordedAt: string; recordedBy: string }[];
  }>('/api/v1/admin/hours/history').then((body) => body.versions);
}

export interface CalendarDay {
  date: string;
  weekday: number;
  holiday: string | null;
  open: { from: string; to: string }[];
}

export function hoursCalendar(
  month: string,
  channel: Channel,
  signal?: AbortSignal,
): Promise<{ days: CalendarDay[] }> {
  return staffFetch(`/api/v1/admin/hours/calendar?${new URLSearchParams({ month, channel })}`, { signal });
}

export interface TownKiosk {
  kioskId: string;
  kind: string;
  operatorName: string | null;
  location: string;
  prefecture: string;
  inCity: boolean;
  keyAlgorithm: string;
  status: 'in_service' | 'out_of_service' | string;
  statusReason: string | null;
  statusChangedAt: string | null;
  registeredAt: string | null;
}

export function listKiosks(signal?: AbortSignal): Promise<TownKiosk[]> {
  return staffFetch<{ kiosks: TownKiosk[] }>('/api/v1/admin/kiosks', { signal }).then((body) => body.kiosks);
}

export function registerKiosk(body: {
  kioskId: string;
  location: string;
  prefecture: string;
  inCity: boolean;
  publicKeyPem: string;
}): Promise<TownKiosk> {
  return staffFetch('/api/v1/admin/kiosks', { body });
}

export function setKioskStatus(kioskId: string, inService: boolean, reason: string): Promise<unknown> {
  return staffFetch(
    `/api/v1/admin/kiosks/${encodeURIComponent(kioskId)}/${inService ? 'in-service' : 'out-of-service'}`,
    { body: reason ? { reason } : {} },
  );
}

export function kioskHistory(
  kioskId: string,
): Promise<
  { seq: number; at: string | null; action: string; status: string | null; reason: string | null }[]
> {
  return staffFetch<{
    events: {
      seq: number;
      at: string | null;
      action: string;
      status: string | null;
      reason: string | null;
    }[];
  }>(`/api/v1/admin/kiosks/${encodeURIComponent(kioskId)}/history`).then((body) => body.events);
}
