/**
 * Roles and permissions of municipal staff: the one place that says who may do
 * what. Routes of every module ask for a permission (never a role), so a role's
 * reach changes here and nowhere else. Least privilege: 管理者 runs the system
 * but never sees residents' records or the audit trail's contents; 統計 sees
 * aggregates only.
 */
export const ROLES = ['counter', 'review', 'admin', 'audit', 'stats'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'resident.read',
  'certificate.issue.counter',
  'mail.register',
  'override.approve',
  'registration.review',
  'refund.approve',
  'fees.manage',
  'calendars.manage',
  'kiosks.manage',
  'staff.manage',
  'audit.read',
  'stats.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_LABELS: Record<Role, { ja: string; en: string }> = {
  counter: { ja: '窓口', en: 'Counter' },
  review: { ja: '審査', en: 'Review' },
  admin: { ja: '管理者', en: 'Administrator' },
  audit: { ja: '監査', en: 'Auditor' },
  stats: { ja: '統計', en: 'Statistics' },
};

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  // Counter issuance needs the record it certifies; mail requests are registered at the counter desk.
  counter: ['resident.read', 'certificate.issue.counter', 'mail.register'],
  // An approval is a decision about a person, so the reviewer reads the record it concerns.
  review: ['resident.read', 'override.approve', 'registration.review', 'refund.approve'],
  admin: ['fees.manage', 'calendars.manage', 'kiosks.manage', 'staff.manage'],
  audit: ['audit.read'],
  stats: ['stats.read'],
};

/**
 * Pairs one account may not hold: the administrator creates accounts and resets
 * factors, so reading the trail that records those acts must stay with someone else.
 */
export const EXCLUSIVE_ROLES: readonly (readonly [Role, Role])[] = [['admin', 'audit']];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/** The union of the roles' permissions; unknown role names (a stale row) grant nothing. */
export function permissionsOf(roles: readonly string[]): ReadonlySet<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) if (isRole(role)) for (const p of ROLE_PERMISSIONS[role]) granted.add(p);
  return granted;
}

export function hasPermission(roles: readonly string[], permission: Permission): boolean {
  return permissionsOf(roles).has(permission);
}

/** Why a set of roles cannot be given to one account, or undefined when it can. */
export function roleCombinationProblem(roles: readonly string[]): string | undefined {
  if (roles.length === 0) return 'no_role';
  if (new Set(roles).size !== roles.length) return 'duplicate_role';
  for (const role of roles) if (!isRole(role)) return 'unknown_role';
  for (const [a, b] of EXCLUSIVE_ROLES) if (roles.includes(a) && roles.includes(b)) return `${a}_with_${b}`;
  return undefined;
}
