/**
 * The money of one mail request (郵送請求): 定額小為替 enclosed in the letter,
 * more sent after a shortfall letter, and orders sent back (the excess, or
 * everything when the request is returned). Fees are booked by the engine as
 * `postal_order` when each certificate is issued; a request may be posted only
 * when what was kept equals what was charged.
 */
import { AppError } from '../../../shared/errors.js';

export interface Remittance {
  kind: 'enclosed' | 'additional' | 'refund';
  amount: number;
}

export interface MailBalance {
  /** Orders received: enclosed plus sent later. */
  received: number;
  /** Orders sent back. */
  refunded: number;
  /** Orders kept: received minus refunded. */
  held: number;
  /** Fees of the certificates issued (what the engine booked). */
  charged: number;
  /** The fee the request needs, as last quoted (null before the check). */
  due: number | null;
  /** Still missing before issuance can start. */
  shortfall: number;
  /** To be sent back (kept minus due, or minus charged once issued). */
  excess: number;
}

export function mailBalance(
  remittances: readonly Remittance[],
  charged: number,
  due: number | null,
  issued: boolean,
): MailBalance {
  const received = remittances.filter((r) => r.kind !== 'refund').reduce((s, r) => s + r.amount, 0);
  const refunded = remittances.filter((r) => r.kind === 'refund').reduce((s, r) => s + r.amount, 0);
  const held = received - refunded;
  const owed = issued ? charged : (due ?? 0);
  return {
    received,
    refunded,
    held,
    charged,
    due,
    shortfall: due === null || issued ? 0 : Math.max(0, due - held),
    excess: due === null && !issued ? 0 : Math.max(0, held - owed),
  };
}

export type MailStep = 'check' | 'issue' | 'post' | 'return' | 'remit' | 'review';

const ALLOWED: Readonly<Record<MailStep, readonly string[]>> = {
  check: ['received', 'checked'],
  issue: ['checked'],
  post: ['issued'],
  return: ['received', 'checked'],
  remit: ['received', 'checked', 'issued'],
  review: ['received', 'checked'],
};

const STATUS_JA: Readonly<Record<string, string>> = {
  received: '受付',
  checked: '審査済み',
  issued: '発行済み',
  posted: '発送済み',
  returned: '返送済み',
};

/** The state machine: received → checked → issued → posted, or returned before issuance. */
export function assertStep(step: MailStep, status: string): void {
  if (ALLOWED[step].includes(status)) return;
  throw new AppError(
    'conflict',
    'mail_wrong_state',
    {
      ja: `この請求は「${STATUS_JA[status] ?? status}」の状態のため、この操作はできません。`,
      en: `This request is ${status}; this step is not possible now.`,
    },
    { extra: { currentStatus: status, step } },
  );
}
