/**
 * The audit actions the search offers by name, with the wildcard groups the
 * API understands (`staff.*`). Codes come from the modules that write them
 * (grep appendAudit); a code missing here still shows, just without a label.
 */
export const AUDIT_ACTIONS = [
  'certificate.*',
  'certificate.issue',
  'certificate.refused',
  'certificate.reprint',
  'certificate.refund',
  'certificate.print_failed',
  'resident.read',
  'resident.search',
  'koseki.search',
  'override.*',
  'counter.*',
  'mail.*',
  'letter.*',
  'notification.*',
  'card.*',
  'kiosk.*',
  'staff.*',
  'staff.login',
  'staff.login_failed',
  'staff.locked',
  'staff.logout',
  'staff.created',
  'staff.disabled',
  'staff.enabled',
  'staff.unlocked',
  'staff.password_reset',
  'staff.totp_reset',
  'staff.roles_changed',
  'staff.password_changed',
  'staff.totp_enrolled',
  'audit.*',
  'audit.search',
  'audit.verify',
  'stats.read',
] as const;
export type AuditActionCode = (typeof AUDIT_ACTIONS)[number];

/** `staff.login_failed` → `staff_login_failed`, `staff.*` → `staff_all`: i18n keys cannot hold dots. */
export function actionKey(code: string): string {
  return code.replace(/\.\*$/, '.all').replace(/\./g, '_');
}

export const ACTOR_TYPES = ['staff', 'resident', 'kiosk', 'system', 'public'] as const;
