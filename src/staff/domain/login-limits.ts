/**
 * The limits of staff login and sessions. Defaults follow the issue: five
 * consecutive failures lock an account for 15 minutes; a session ends after 30
 * minutes without a request and after 10 hours in any case (one working day).
 */
export interface SlidingWindow {
  /** Failed attempts allowed inside the window before further attempts are refused. */
  maxFailures: number;
  windowSeconds: number;
}

export interface StaffLimits {
  lockAfterFailures: number;
  lockSeconds: number;
  sessionIdleSeconds: number;
  sessionMaxSeconds: number;
  /** Per login name (known or not): slows guessing across lock periods and against unknown names. */
  perLoginName: SlidingWindow;
  /** Per client address: slows one machine trying many names. */
  perIp: SlidingWindow;
  /** Login attempts older than this are deleted; they only serve the rate limits. */
  attemptRetentionSeconds: number;
}

export const DEFAULT_STAFF_LIMITS: StaffLimits = {
  lockAfterFailures: 5,
  lockSeconds: 15 * 60,
  sessionIdleSeconds: 30 * 60,
  sessionMaxSeconds: 10 * 60 * 60,
  perLoginName: { maxFailures: 10, windowSeconds: 15 * 60 },
  // A counter office behind one NAT address has a few dozen clerks mistyping now and then.
  perIp: { maxFailures: 30, windowSeconds: 15 * 60 },
  attemptRetentionSeconds: 24 * 60 * 60,
};

export function staffLimits(overrides: Partial<StaffLimits> = {}): StaffLimits {
  return { ...DEFAULT_STAFF_LIMITS, ...overrides };
}

/** Whether an account is locked at `now`: a lock ends by itself when its time is up. */
export function isLockedAt(account: { status: string; locked_until: Date | null }, now: Date): boolean {
  return account.status === 'locked' && account.locked_until !== null && account.locked_until > now;
}
