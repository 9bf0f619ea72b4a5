export {
  type AuditActor,
  type AuditEvent,
  appendAudit,
  listAuditedMunicipalities,
} from './data/audit.repository.js';
export { type ChainReport, verifyAuditChain } from './use-cases/verify-audit-chain.js';
