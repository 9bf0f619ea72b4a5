/** 本籍地 利用者登録申請: the public surface of the module (kiosk application, review, kiosk access). */

export { type Candidate, type CandidateReport, matchCandidates } from './domain/candidates.js';
export { type Standing, standingOf, standingRefusal } from './domain/kiosk-standing.js';
export {
  REJECTION_LABELS,
  REJECTION_REASONS,
  type RejectionReason,
  rejectionText,
} from './domain/rejection-reasons.js';
export { applicationInputSchema, hittoshaText, honsekiText } from './domain/typed-register.js';
export { DEFAULT_WAIT_DAYS, defaultUsableFrom } from './domain/usable-from.js';
export {
  type KosekiRegistrationKioskRoutesOptions,
  kosekiRegistrationKioskRoutes,
} from './http/koseki-registration-kiosk.routes.js';
export {
  type KosekiRegistrationStaffRoutesOptions,
  kosekiRegistrationStaffRoutes,
} from './http/koseki-registration-staff.routes.js';
export { type ApplicationResult, applyForKosekiRegistration } from './use-cases/apply-for-registration.js';
export { type ApproveInput, approveKosekiRegistration } from './use-cases/approve-registration.js';
export {
  checkKosekiRegistrationAccess,
  listUsableHonsekiMunicipalities,
  type UsableRegistration,
} from './use-cases/check-kiosk-access.js';
export { listOwnKosekiRegistrations } from './use-cases/list-own-registrations.js';
export { listKosekiRegistrations } from './use-cases/list-registrations.js';
export type { CardHolder, KosekiRegistrationDeps } from './use-cases/registration-deps.js';
export { type RejectInput, rejectKosekiRegistration } from './use-cases/reject-registration.js';
export { reviewKosekiRegistration } from './use-cases/review-registration.js';
