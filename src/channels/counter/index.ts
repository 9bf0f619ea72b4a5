/** The counter channel's public surface: its routes, and the pieces the mail channel shares. */

export { type DocumentSeries, takeDocumentNumber } from './data/document-number.repository.js';
export { insertLetter, listLetters } from './data/letter.repository.js';
export { listOverridesOf } from './data/override.repository.js';
export { type PaperDocument, renderSignedPaper, type SignedPaper, tokyoIso } from './documents/paper.js';
export {
  type CertificateLine,
  type CertificateLineInput,
  certificateLineSchema,
  engineRequestOf,
  NAMED_RELATIONS,
  type RequesterOnFile,
} from './domain/certificate-line.js';
export {
  actingStaff,
  type CounterRoutesOptions,
  counterRoutes,
  idOf,
  sendPdf,
} from './http/counter.routes.js';
export type { ActingStaff, CounterDeps } from './use-cases/counter-deps.js';
export { type LineQuote, quoteLine } from './use-cases/quote-line.js';
export { reviewFacts } from './use-cases/request-line-override.js';
export {
  letterSummary,
  markLetterPrintedBy,
  queueSelfNotices,
  readLetterPdf,
} from './use-cases/self-notices.js';
export {
  approvedOverrideFor,
  markOverrideUsed,
  type OverrideSubject,
  requestOverride,
} from './use-cases/support-overrides.js';
