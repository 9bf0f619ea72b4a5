/**
 * The staff side, behind the staff module's guard (session cookie, CSRF on
 * writes, permission): the counter flow, the related-procedure rules and the
 * dashboard's statistics. The municipality is always the staff member's own.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { parseInput } from '../../shared/validation.js';
import { auditActorOf, type Permission, type StaffGuard, staffOf } from '../../staff/index.js';
import { procedureRuleJsonSchema } from '../domain/procedure-rules.js';
import { acceptNotification } from '../use-cases/accept-notification.js';
import { attachTransferRecord } from '../use-cases/attach-transfer-record.js';
import { confirmNotification } from '../use-cases/confirm-notification.js';
import { correctNotification } from '../use-cases/correct-notification.js';
import { createDraft } from '../use-cases/create-draft.js';
import { deleteProcedureRule } from '../use-cases/delete-procedure-rule.js';
import { listProcedureRules } from '../use-cases/list-procedure-rules.js';
import type { NotificationDeps, StaffActor } from '../use-cases/notification-deps.js';
import { guidanceSheetPdf, notificationGuidance } from '../use-cases/notification-guidance.js';
import { notificationStatistics } from '../use-cases/notification-statistics.js';
import { openNotification } from '../use-cases/open-notification.js';
import { readTenshutsuCertificate, readTransferRecord } from '../use-cases/read-transfer-out.js';
import { rejectNotification } from '../use-cases/reject-notification.js';
import { resetProcedureRules } from '../use-cases/reset-procedure-rules.js';
import { saveProcedureRule } from '../use-cases/save-procedure-rule.js';
import { tabletView } from '../use-cases/tablet-view.js';
import { viewNotification } from '../use-cases/view-notification.js';
import {
  acceptBody,
  confirmBody,
  correctBody,
  createDraftBody,
  openBody,
  referenceParams,
  rejectBody,
  ruleParams,
  transferRecordBody,
} from './notifications.schemas.js';

export interface NotificationPermissions {
  /** Open, view, correct, confirm, reject, guidance. */
  counter: Permission;
  /** Accept (writes the register, issues the 転出証明書). */
  accept: Permission;
  /** Edit the related-procedure rules. */
  rules: Permission;
  /** The dashboard's aggregates. */
  stats: Permission;
}

export const DEFAULT_NOTIFICATION_PERMISSIONS: NotificationPermissions = {
  counter: 'resident.read',
  accept: 'certificate.issue.counter',
  rules: 'calendars.manage',
  stats: 'stats.read',
};

export interface NotificationStaffRoutesOptions {
  notifications: NotificationDeps;
  guard: StaffGuard;
  permissions?: Partial<NotificationPermissions>;
}

function actorOf(request: FastifyRequest): StaffActor {
  const staff = staffOf(request);
  return { ...auditActorOf(staff), type: 'staff', municipalityCode: staff.municipalityCode };
}

const ref = (request: FastifyRequest) => parseInput(referenceParams, request.params, 'params').reference;

function pdf(reply: FastifyReply, bytes: Uint8Array, filename: string) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${filename}"`)
    .send(Buffer.from(bytes));
}

export const notificationStaffRoutes: FastifyPluginAsync<NotificationStaffRoutesOptions> = async (
  app,
  options,
) => {
  const deps = options.notifications;
  const can = { ...DEFAULT_NOTIFICATION_PERMISSIONS, ...options.permissions };
  const counter = { preHandler: options.guard.requirePermission(can.counter) };
  const accept = { preHandler: options.guard.requirePermission(can.accept) };
  const rules = { preHandler: options.guard.requirePermission(can.rules) };
  const stats = { preHandler: options.guard.requirePermission(can.stats) };
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  // ---- counter: the paper path starts here; the digital path at /open with the QR's reference.
  app.post('/counter/notifications', counter, async (request, reply) => {
    const body = parseInput(createDraftBody, request.body ?? {}, 'body');
    const staff = actorOf(request);
    const created = await createDraft(
      deps,
      { municipalityCode: staff.municipalityCode, kind: body.kind, content: body.content },
      staff,
    );
    return reply.status(201).send(created);
  });
  app.post('/counter/notifications/:reference/open', counter, async (request) => {
    const body = parseInput(openBody, request.body ?? {}, 'body');
    return openNotification(deps, actorOf(request), { reference: ref(request), movers: body.movers });
  });
  app.get('/counter/notifications/:reference', counter, async (request) =>
    viewNotification(deps, actorOf(request), { reference: ref(request) }),
  );
  app.put('/counter/notifications/:reference/content', counter, async (request) => {
    const body = parseInput(correctBody, request.body ?? {}, 'body');
    return correctNotification(deps, actorOf(request), { reference: ref(request), ...body });
  });
  app.put('/counter/notifications/:reference/transfer-record', counter, async (request) => {
    const body = parseInput(transferRecordBody, request.body ?? {}, 'body');
    return attachTransferRecord(deps, actorOf(request), { reference: ref(request), record: body.record });
  });
  app.get('/counter/notifications/:reference/tablet', counter, async (request) =>
    tabletView(deps, actorOf(request), { reference: ref(request) }),
  );
  app.post('/counter/notifications/:reference/confirm', counter, async (request) => {
    const body = parseInput(confirmBody, request.body ?? {}, 'body');
    return confirmNotification(deps, actorOf(request), { reference: ref(request), ...body });
  });
  app.post('/counter/notifications/:reference/accept', accept, async (request) => {
    const body = parseInput(acceptBody, request.body ?? {}, 'body');
    return acceptNotification(deps, actorOf(request), { reference: ref(request), ...body });
  });
  app.post('/counter/notifications/:reference/reject', counter, async (request) => {
    const body = parseInput(rejectBody, request.body ?? {}, 'body');
    return rejectNotification(deps, actorOf(request), { reference: ref(request), reason: body.reason });
  });
  app.get('/counter/notifications/:reference/guidance', counter, async (request) =>
    notificationGuidance(deps, actorOf(request), { reference: ref(request) }),
  );
  app.get('/counter/notifications/:reference/guidance.pdf', counter, async (request, reply) =>
    pdf(reply, await guidanceSheetPdf(deps, actorOf(request), { reference: ref(request) }), 'guidance.pdf'),
  );
  app.get('/counter/notifications/:reference/tenshutsu-certificate.pdf', counter, async (request, reply) => {
    const certificate = await readTenshutsuCertificate(deps, actorOf(request), { reference: ref(request) });
    return pdf(reply, certificate.pdf, 'tenshutsu.pdf');
  });
  app.get('/counter/notifications/:reference/transfer-record', counter, async (request) =>
    readTransferRecord(deps, actorOf(request), { reference: ref(request) }),
  );

  // ---- administrators: related-procedure rules
  app.get('/admin/procedure-rules', rules, async (request) => listProcedureRules(deps, actorOf(request)));
  app.get('/admin/procedure-rules/schema', rules, async () => procedureRuleJsonSchema());
  app.put('/admin/procedure-rules/:ruleId', rules, async (request) => {
    const { ruleId } = parseInput(ruleParams, request.params, 'params');
    return saveProcedureRule(deps, actorOf(request), { ruleId, body: request.body ?? {} });
  });
  app.delete('/admin/procedure-rules/:ruleId', rules, async (request, reply) => {
    const { ruleId } = parseInput(ruleParams, request.params, 'params');
    await deleteProcedureRule(deps, actorOf(request), { ruleId });
    return reply.status(204).send();
  });
  app.post('/admin/procedure-rules/reset', rules, async (request) => ({
    rules: await resetProcedureRules(deps, actorOf(request)),
  }));

  // ---- dashboard
  app.get('/stats/notifications', stats, async (request) =>
    notificationStatistics(deps, actorOf(request), request.query),
  );
};
