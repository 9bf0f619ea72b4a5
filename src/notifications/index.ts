/** The notifications module's public surface: 書かない窓口 (moving notifications) and the related-procedures guidance. */

export { DEFAULT_PROCEDURE_RULES } from './domain/default-procedure-rules.js';
export {
  type DraftContent,
  type DraftContentInput,
  draftContentSchema,
  KIND_NAMES,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from './domain/draft-content.js';
export {
  type ProcedureRule,
  procedureRuleJsonSchema,
  procedureRuleSchema,
} from './domain/procedure-rules.js';
export { draftQrText, parseDraftQr } from './domain/reference.js';
export {
  TRANSFER_RECORD_FORMAT,
  type TransferRecord,
  transferRecordSchema,
} from './domain/transfer-record.js';
export {
  DEFAULT_NOTIFICATION_PERMISSIONS,
  type NotificationPermissions,
  type NotificationStaffRoutesOptions,
  notificationStaffRoutes,
} from './http/notification-counter.routes.js';
export {
  type NotificationDraftRoutesOptions,
  notificationDraftRoutes,
} from './http/notification-drafts.routes.js';
export { EDIT_SECRET_HEADER } from './http/notifications.schemas.js';
export { acceptNotification } from './use-cases/accept-notification.js';
export { createDraft } from './use-cases/create-draft.js';
export { expireDrafts } from './use-cases/expire-drafts.js';
export {
  DEFAULT_DRAFT_LIFETIME_DAYS,
  type NotificationDeps,
  type StaffActor,
} from './use-cases/notification-deps.js';
export { notificationStatistics } from './use-cases/notification-statistics.js';
export { openNotification } from './use-cases/open-notification.js';
export { verifyTenshutsuCertificate } from './use-cases/verify-tenshutsu-certificate.js';
