import { z } from 'zod';
import { appendAudit } from '../../audit/index.js';
import { CERTIFICATE_TYPES } from '../../domain/certificates.js';
import { CHANNELS, KIOSK_KINDS } from '../../domain/channel-rules.js';
import { checkServiceHours } from '../../domain/service-hours.js';
import { AppError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import {
  insertServiceHours,
  latestServiceHours,
  listServiceHoursVersions,
} from '../data/service-hours.repository.js';
import { monthCalendar } from '../domain/month-calendar.js';
import { parseServiceHoursConfig } from '../domain/service-hours-config.js';
import { type AdminDeps, type Administrator, actorOf, nowOf } from './admin-deps.js';
import { loadServiceHours } from './load-service-hours.js';

export const setHoursSchema = z.strictObject({
  config: z.unknown(),
  /** The version the administrator edited: a concurrent change by someone else is refused, not overwritten. */
  baseVersion: z.int().min(0),
  reason: z.string().trim().min(1).max(400),
});

export async function showServiceHours(deps: AdminDeps, admin: Administrator) {
  const row = await latestServiceHours(deps.db, admin.municipalityCode);
  return {
    version: row?.version ?? 0,
    source: row ? ('municipality' as const) : ('standard' as const),
    config: await loadServiceHours(deps.db, admin.municipalityCode),
    ...(row ? { recordedAt: new Date(row.recorded_at).toISOString(), recordedBy: row.recorded_by } : {}),
  };
}

export async function serviceHoursHistory(deps: AdminDeps, admin: Administrator) {
  const rows = await listServiceHoursVersions(deps.db, admin.municipalityCode);
  return rows.map((r) => ({
    version: r.version,
    reason: r.reason,
    recordedAt: new Date(r.recorded_at).toISOString(),
    recordedBy: r.recorded_by,
  }));
}

/** Saves new opening hours and calendar as the next version; earlier versions stay for the record. */
export async function setServiceHours(deps: AdminDeps, admin: Administrator, input: unknown) {
  const body = parseInput(setHoursSchema, input, 'body');
  const config = parseServiceHoursConfig(body.config);
  const code = admin.municipalityCode;
  const at = nowOf(deps);
  const version = await deps.db.transaction().execute(async (trx) => {
    const current = (await latestServiceHours(trx, code))?.version ?? 0;
    if (current !== body.baseVersion)
      throw new AppError(
        'conflict',
        'service_hours_changed',
        {
          ja: '他の職員が受付時間を変更しました。最新の設定を読み込んでからやり直してください。',
          en: 'Someone else changed the hours meanwhile; reload them and try again.',
        },
        { extra: { currentVersion: current } },
      );
    await insertServiceHours(trx, {
      municipalityCode: code,
      version: current + 1,
      config,
      reason: body.reason,
      at,
      by: admin.staffId,
    });
    await appendAudit(trx, {
      municipalityCode: code,
      actor: actorOf(admin),
      action: 'hours.changed',
      subjectType: 'service_hours',
      subjectId: String(current + 1),
      reason: body.reason,
      details: { version: current + 1, previous: current },
    });
    return current + 1;
  });
  await deps.onServiceHoursChanged?.(code);
  return { version, config };
}

export const calendarQuery = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'YYYY-MM' }),
  channel: z.enum(CHANNELS).default('counter'),
  certificate: z.enum(CERTIFICATE_TYPES).default('juminhyo'),
  kioskKind: z.enum(KIOSK_KINDS).optional(),
});

export async function serviceCalendar(deps: AdminDeps, admin: Administrator, input: unknown) {
  const query = parseInput(calendarQuery, input, 'query');
  const config = await loadServiceHours(deps.db, admin.municipalityCode);
  return {
    month: query.month,
    channel: query.channel,
    certificate: query.certificate,
    days: monthCalendar({ ...query, config }),
  };
}

export const hoursCheckQuery = z.strictObject({
  channel: z.enum(CHANNELS),
  certificate: z.enum(CERTIFICATE_TYPES).default('juminhyo'),
  kioskKind: z.enum(KIOSK_KINDS).optional(),
  at: z.iso.datetime({ offset: true }),
});

/** Would a request at this instant be served? The engine's own answer, with the next opening when closed. */
export async function checkHoursAt(deps: AdminDeps, admin: Administrator, input: unknown) {
  const query = parseInput(hoursCheckQuery, input, 'query');
  const decision = checkServiceHours({
    channel: query.channel,
    certificate: query.certificate,
    at: new Date(query.at),
    ...(query.kioskKind ? { kioskKind: query.kioskKind } : {}),
    config: await loadServiceHours(deps.db, admin.municipalityCode),
  });
  return decision.ok
    ? { open: true, closesAt: decision.closesAt?.local ?? null }
    : {
        open: false,
        reason: decision.reason,
        refusals: decision.refusals,
        nextOpening: decision.nextOpening
          ? { at: decision.nextOpening.local, ja: decision.nextOpening.ja, en: decision.nextOpening.en }
          : null,
      };
}
