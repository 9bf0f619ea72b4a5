/** The staff module's public surface: identity, roles, sessions and the auditors' search. */

export { type StaffLimits, staffLimits } from './domain/login-limits.js';
export {
  hasPermission,
  isPermission,
  isRole,
  PERMISSIONS,
  type Permission,
  permissionsOf,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
} from './domain/permissions.js';
export { type StaffPluginOptions, staffPlugin } from './http/staff.plugin.js';
export { CSRF_HEADER, type StaffGuard, staffGuard, staffOf } from './http/staff-guard.js';
export { runStaffCommand, STAFF_USAGE } from './staff-command.js';
export { type DemoStaffCredential, demoLoginName, ensureDemoStaff } from './use-cases/ensure-demo-staff.js';
export {
  auditActorOf,
  operatorOf,
  resolveStaffSession,
  type StaffPrincipal,
} from './use-cases/resolve-staff-session.js';
export {
  assertOperatorMay,
  createStaffDeps,
  loadStaffTotpKey,
  type Operator,
  type StaffDeps,
  type StaffDepsOptions,
  systemOperator,
} from './use-cases/staff-deps.js';
