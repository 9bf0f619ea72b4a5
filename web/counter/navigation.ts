/**
 * The console's screens and who may open them. The server checks every call
 * again; this only decides what the menu offers, so that a clerk is never
 * shown a screen that would answer 「権限がありません」.
 */
import type { Permission } from './domain.js';

export const SCREEN_IDS = [
  'home',
  'issue',
  'mail',
  'reviews',
  'audit',
  'stats',
  'staff',
  'fees',
  'hours',
  'kiosks',
  'account',
] as const;
export type ScreenId = (typeof SCREEN_IDS)[number];

export type NavGroup = 'work' | 'review' | 'admin' | 'audit' | 'stats' | 'self';

export interface ScreenInfo {
  id: ScreenId;
  /** The path under /counter/. */
  route: string;
  /** What the role must grant; null for every signed-in member. */
  permission: Permission | null;
  group: NavGroup;
}

export const SCREENS: readonly ScreenInfo[] = [
  { id: 'home', route: '', permission: null, group: 'work' },
  { id: 'issue', route: 'issue', permission: 'certificate.issue.counter', group: 'work' },
  { id: 'mail', route: 'mail', permission: 'mail.register', group: 'work' },
  { id: 'reviews', route: 'reviews', permission: 'override.approve', group: 'review' },
  { id: 'staff', route: 'staff', permission: 'staff.manage', group: 'admin' },
  { id: 'fees', route: 'admin/fees', permission: 'fees.manage', group: 'admin' },
  { id: 'hours', route: 'admin/hours', permission: 'calendars.manage', group: 'admin' },
  { id: 'kiosks', route: 'admin/kiosks', permission: 'kiosks.manage', group: 'admin' },
  { id: 'audit', route: 'audit', permission: 'audit.read', group: 'audit' },
  { id: 'stats', route: 'stats', permission: 'stats.read', group: 'stats' },
  { id: 'account', route: 'account', permission: null, group: 'self' },
];

export const NAV_GROUPS: readonly NavGroup[] = ['work', 'review', 'admin', 'audit', 'stats', 'self'];

export function mayOpen(screen: ScreenInfo, permissions: readonly string[]): boolean {
  return screen.permission === null || permissions.includes(screen.permission);
}

/**
 * The menu for a member: the screens their permissions open, among those this
 * build has (`built`), grouped in menu order; empty groups are left out.
 */
export function menuFor(
  permissions: readonly string[],
  built: ReadonlySet<ScreenId>,
): { group: NavGroup; screens: ScreenInfo[] }[] {
  return NAV_GROUPS.map((group) => ({
    group,
    screens: SCREENS.filter((screen) => screen.group === group && built.has(screen.id)).filter((screen) =>
      mayOpen(screen, permissions),
    ),
  })).filter((entry) => entry.screens.length > 0);
}

/** The screen a route shows (routes match exactly). */
export function screenOfRoute(route: string): ScreenInfo | undefined {
  return SCREENS.find((screen) => screen.route === route);
}
