/** Typed calls of the statistics API (src/staff/http/stats.routes.ts, docs/staff.md). */
import type { CertificateType, Channel } from '../domain';
import { staffFetch } from './session';

export type StatsPeriod = 'day' | 'month';

/** A published figure; `suppressed` (shown "<3") when too few issuances or people are behind it. */
export interface StatsCell {
  count: number | null;
  copies: number | null;
  fees: number | null;
  suppressed: boolean;
  /** `small`: shown "<3"; `complementary`: a larger cell withheld so the small one cannot be worked out. */
  suppression: 'small' | 'complementary' | null;
}

export interface IssuanceStatistics {
  municipalityCode: string;
  from: string;
  to: string;
  period: StatsPeriod;
  minimumCount: number;
  total: StatsCell;
  byCertificate: (StatsCell & { certificate: CertificateType })[];
  byChannel: (StatsCell & { channel: Channel })[];
  byPeriod: (StatsCell & { period: string })[];
}

export function fetchIssuanceStatistics(
  query: { from: string; to: string; period: StatsPeriod },
  signal?: AbortSignal,
): Promise<IssuanceStatistics> {
  const params = new URLSearchParams(query);
  return staffFetch<IssuanceStatistics>(`/api/v1/stats/issuances?${params}`, { signal });
}
