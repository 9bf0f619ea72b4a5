import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CERTIFICATE_TYPES } from '../../domain/certificates.js';
import { CHANNELS, KIOSK_KINDS } from '../../domain/channel-rules.js';
import { isIsoDate } from '../../domain/japanese-era.js';
import type { IdentityDeps } from '../../identity/index.js';
import { parseInput } from '../../shared/validation.js';
import { type StaffGuard, staffOf } from '../../staff/index.js';
import type { AdminDeps, Administrator } from '../use-cases/admin-deps.js';
import { todayOf } from '../use-cases/admin-deps.js';
import { changeFeeFrom } from '../use-cases/change-fee.js';
import { addFeeCampaign, endFeeCampaign } from '../use-cases/fee-campaigns.js';
import { changeKioskStatus, kioskHistory, listKiosks, registerTownKiosk } from '../use-cases/kiosk-admin.js';
import {
  checkHoursAt,
  serviceCalendar,
  serviceHoursHistory,
  setServiceHours,
  showServiceHours,
} from '../use-cases/service-hours-admin.js';
import { priceOn, showFees } from '../use-cases/show-fees.js';

export interface AdminRoutesOptions {
  db: AdminDeps['db'];
  guard: StaffGuard;
  clock?: () => Date;
  /** Called after a municipality's hours changed (e.g. `ServiceHoursProvider.refresh`). */
  onServiceHoursChanged?: AdminDeps['onServiceHoursChanged'];
}

function administrator(request: FastifyRequest): Administrator {
  const staff = staffOf(request);
  return { municipalityCode: staff.municipalityCode, staffId: staff.staffId, terminalId: staff.terminalId };
}

const priceQuery = z.strictObject({
  certificate: z.enum(CERTIFICATE_TYPES),
  channel: z.enum(CHANNELS),
  kioskKind: z.enum(KIOSK_KINDS).optional(),
  on: z.string().refine(isIsoDate, { message: 'YYYY-MM-DD' }).optional(),
  copies: z.coerce.number().int().min(1).max(20).default(1),
});

const kioskIdParam = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/);

type Id = { Params: { id: string } };

/**
 * The administrators' screens (register under /api/v1): fees and campaigns
 * (`fees.manage`), opening hours and calendar (`calendars.manage`) and the
 * town's kiosks (`kiosks.manage`). Every change writes an audit row in the
 * transaction that makes it; nothing of the past is edited.
 */
export const adminRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, options) => {
  const deps: AdminDeps = {
    db: options.db,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.onServiceHoursChanged ? { onServiceHoursChanged: options.onServiceHoursChanged } : {}),
  };
  const identity: IdentityDeps = { db: options.db, ...(options.clock ? { clock: options.clock } : {}) };
  const fees = { preHandler: options.guard.requirePermission('fees.manage') };
  const calendars = { preHandler: options.guard.requirePermission('calendars.manage') };
  const kiosks = { preHandler: options.guard.requirePermission('kiosks.manage') };

  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  // ---- fees (手数料) and campaigns (特例期間)
  app.get('/admin/fees', fees, async (request) => showFees(deps.db, administrator(request).municipalityCode));

  app.get('/admin/fees/price', fees, async (request) => {
    const query = parseInput(priceQuery, request.query ?? {}, 'query');
    const admin = administrator(request);
    return priceOn(deps.db, admin.municipalityCode, {
      certificate: query.certificate,
      channel: query.channel,
      ...(query.kioskKind ? { kioskKind: query.kioskKind } : {}),
      on: query.on ?? todayOf(deps),
      copies: query.copies,
    });
  });

  app.post('/admin/fees/changes', fees, async (request, reply) =>
    reply.status(201).send(await changeFeeFrom(deps, administrator(request), request.body ?? {})),
  );

  app.post('/admin/fees/campaigns', fees, async (request, reply) =>
    reply.status(201).send(await addFeeCampaign(deps, administrator(request), request.body ?? {})),
  );

  app.post<Id>('/admin/fees/campaigns/:id/end', fees, async (request) =>
    endFeeCampaign(deps, administrator(request), request.params.id, request.body ?? {}, 'end'),
  );

  app.post<Id>('/admin/fees/campaigns/:id/withdraw', fees, async (request) =>
    endFeeCampaign(deps, administrator(request), request.params.id, request.body ?? {}, 'withdraw'),
  );

  // ---- opening hours and calendar (受付時間・開庁日)
  app.get('/admin/hours', calendars, async (request) => showServiceHours(deps, administrator(request)));

  app.put('/admin/hours', calendars, async (request) =>
    setServiceHours(deps, administrator(request), request.body ?? {}),
  );

  app.get('/admin/hours/history', calendars, async (request) => ({
    versions: await serviceHoursHistory(deps, administrator(request)),
  }));

  app.get('/admin/hours/calendar', calendars, async (request) =>
    serviceCalendar(deps, administrator(request), request.query ?? {}),
  );

  app.get('/admin/hours/check', calendars, async (request) =>
    checkHoursAt(deps, administrator(request), request.query ?? {}),
  );

  // ---- kiosks (庁舎内交付端末)
  app.get('/admin/kiosks', kiosks, async (request) => ({
    kiosks: await listKiosks(identity, administrator(request)),
  }));

  app.post('/admin/kiosks', kiosks, async (request, reply) =>
    reply.status(201).send(await registerTownKiosk(identity, administrator(request), request.body ?? {})),
  );

  for (const [path, status] of [
    ['out-of-service', 'out_of_service'],
    ['in-service', 'in_service'],
  ] as const) {
    app.post<Id>(`/admin/kiosks/:id/${path}`, kiosks, async (request) =>
      changeKioskStatus(
        identity,
        administrator(request),
        parseInput(kioskIdParam, request.params.id, 'id'),
        status,
        request.body ?? {},
      ),
    );
  }

  app.get<Id>('/admin/kiosks/:id/history', kiosks, async (request) => ({
    events: await kioskHistory(
      identity,
      administrator(request),
      parseInput(kioskIdParam, request.params.id, 'id'),
    ),
  }));
};
