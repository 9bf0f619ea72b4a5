/**
 * Time limits and abuse limits of card authentication and the kiosk API. The
 * defaults follow the issue: a challenge lives 60 s, a card session a few
 * minutes of inactivity, a card may try 10 times an hour across all kiosks.
 */
export interface TokenBucketLimit {
  /** Tokens when full: the burst allowed. */
  capacity: number;
  /** Tokens added back per second. */
  refillPerSecond: number;
}

export interface IdentityLimits {
  challengeTtlSeconds: number;
  /** A card session ends after this long without a request. */
  sessionIdleSeconds: number;
  /** …and after this long in any case. */
  sessionMaxSeconds: number;
  /** Accepted skew between a kiosk's x-kiosk-timestamp and the server clock. */
  kioskClockSkewSeconds: number;
  /** Challenges and completions per card (certificate), across every kiosk. */
  perCard: TokenBucketLimit;
  /** Signed requests per kiosk. */
  perKiosk: TokenBucketLimit;
}

export const DEFAULT_IDENTITY_LIMITS: IdentityLimits = {
  challengeTtlSeconds: 60,
  sessionIdleSeconds: 180,
  sessionMaxSeconds: 900,
  kioskClockSkewSeconds: 300,
  perCard: { capacity: 10, refillPerSecond: 10 / 3600 },
  // A kiosk session is a few dozen requests over minutes; 60 in a burst and one a
  // second sustained leaves room for that and stops a runaway or stolen terminal.
  perKiosk: { capacity: 60, refillPerSecond: 1 },
};

export function identityLimits(overrides: Partial<IdentityLimits> = {}): IdentityLimits {
  return { ...DEFAULT_IDENTITY_LIMITS, ...overrides };
}
