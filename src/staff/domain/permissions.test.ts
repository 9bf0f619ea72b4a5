import { describe, expect, it } from 'vitest';
import {
  hasPermission,
  PERMISSIONS,
  type Permission,
  permissionsOf,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
  roleCombinationProblem,
} from './permissions.js';

// The issue's table, written out independently of the map it checks.
const ISSUE: Record<Role, Permission[]> = {
  counter: ['resident.read', 'certificate.issue.counter', 'mail.register'],
  review: ['resident.read', 'override.approve', 'registration.review', 'refund.approve'],
  admin: ['fees.manage', 'calendars.manage', 'kiosks.manage', 'staff.manage'],
  audit: ['audit.read'],
  stats: ['stats.read'],
};

describe('roles and permissions', () => {
  it.each(ROLES)('%s has exactly the permissions of the issue', (role) => {
    for (const permission of PERMISSIONS)
      expect([role, permission, hasPermission([role], permission)]).toEqual([
        role,
        permission,
        ISSUE[role].includes(permission),
      ]);
  });

  it('keeps the administrator, the auditor and statistics away from personal records', () => {
    for (const role of ['admin', 'audit', 'stats'] as const) {
      expect(hasPermission([role], 'resident.read')).toBe(false);
      expect(hasPermission([role], 'certificate.issue.counter')).toBe(false);
    }
    expect(hasPermission(['admin'], 'audit.read')).toBe(false);
  });

  it('gives every permission to some role, and nothing to unknown or no roles', () => {
    const granted = new Set(Object.values(ROLE_PERMISSIONS).flat());
    expect([...granted].sort()).toEqual([...PERMISSIONS].sort());
    expect(permissionsOf([]).size).toBe(0);
    expect(permissionsOf(['superuser', 'root']).size).toBe(0);
  });

  it('unites the permissions of combined roles', () => {
    expect([...permissionsOf(['counter', 'review'])].sort()).toEqual(
      [...new Set([...ISSUE.counter, ...ISSUE.review])].sort(),
    );
  });

  it('refuses role sets one account may not hold', () => {
    expect(roleCombinationProblem(['admin', 'audit'])).toBe('admin_with_audit');
    expect(roleCombinationProblem([])).toBe('no_role');
    expect(roleCombinationProblem(['counter', 'counter'])).toBe('duplicate_role');
    expect(roleCombinationProblem(['counter', 'root'])).toBe('unknown_role');
    expect(roleCombinationProblem(['counter', 'review', 'stats'])).toBeUndefined();
    expect(roleCombinationProblem(['admin', 'stats'])).toBeUndefined();
  });
});
