// The identity module's public surface: card authentication (JPKI model) and kiosks.

export {
  DEMO_CARD_ISSUER_SECRET,
  openVirtualCard,
  resetVirtualCardPin,
  VirtualCard,
  type WriteVirtualCardOptions,
  writeVirtualCard,
} from './devices/virtual-card.js';
export { CARD_AUTH_LABEL, cardAuthMessage } from './domain/card-auth-message.js';
export { parseCardCertificate, verifyCardSignature } from './domain/card-certificate.js';
export {
  CARD_ERROR_MESSAGES,
  CARD_PIN_MAX_RETRIES,
  CardError,
  type CardErrorCode,
  CardLockedError,
  CardPinIncorrectError,
  type CardReader,
} from './domain/card-reader.js';
export { type CrlReason, createCrl, readSignedCrl } from './domain/crl.js';
export {
  type KioskRequestHeaders,
  kioskSigningString,
  signKioskRequest,
} from './domain/kiosk-request-signature.js';
export { DEFAULT_IDENTITY_LIMITS, type IdentityLimits } from './domain/limits.js';
export { type KioskAuthRoutesOptions, kioskAuthRoutes } from './http/kiosk-auth.routes.js';
export { authenticatedKiosk, registerKioskAuthentication } from './http/kiosk-authentication.js';
export { addTrustedCa } from './use-cases/add-trusted-ca.js';
export {
  type AuthenticatedKiosk,
  authenticateKioskRequest,
} from './use-cases/authenticate-kiosk-request.js';
export {
  type CardSessionGrant,
  completeCardAuthentication,
} from './use-cases/complete-card-authentication.js';
export {
  DEMO_CARD_PIN,
  importDemoRevocations,
  trustDemoJpkiCa,
  writeDemoVirtualCard,
} from './use-cases/demo-jpki.js';
export { endCardSession } from './use-cases/end-card-session.js';
export type { IdentityDeps } from './use-cases/identity-deps.js';
export { importRevocationList } from './use-cases/import-revocation-list.js';
export { type RegisterKioskInput, registerKiosk } from './use-cases/register-kiosk.js';
export { reportCardLocked } from './use-cases/report-card-locked.js';
export { type ResetCardPinInput, resetCardPin } from './use-cases/reset-card-pin.js';
export { type CardSession, resolveCardSession } from './use-cases/resolve-card-session.js';
export { setKioskStatus } from './use-cases/set-kiosk-status.js';
export { setTrustedCaActive } from './use-cases/set-trusted-ca-active.js';
export { type CardChallenge, startCardAuthentication } from './use-cases/start-card-authentication.js';
