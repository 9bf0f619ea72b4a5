/**
 * The kiosk's cash unit: coins and notes in, change and refunds out. The
 * agent opens it for one payment at a time, reads how much is in, and either
 * keeps the fee (giving change) or gives everything back. A refund after a
 * failed print is paid out of the cash box.
 */

/** What Japanese certificate machines take: no 1- or 5-yen coins (fees are multiples of 10). */
export const ACCEPTED_YEN = [10, 50, 100, 500, 1000, 5000, 10000] as const;
export type AcceptedYen = (typeof ACCEPTED_YEN)[number];

/** Change and refunds are paid in these, largest first. */
const PAYOUT_YEN = [5000, 1000, 500, 100, 50, 10] as const;

export type DispenseReason = 'change' | 'return' | 'refund';

export interface Dispensed {
  amount: number;
  reason: DispenseReason;
  /** Pieces by face value, largest first (e.g. [{ yen: 100, count: 1 }, { yen: 50, count: 1 }]). */
  pieces: { yen: number; count: number }[];
}

export type CashEvent =
  | { type: 'accepted'; yen: number; inserted: number }
  | { type: 'rejected'; yen: number; reason: 'denomination' | 'not_accepting' }
  | { type: 'kept'; amount: number }
  | ({ type: 'dispensed' } & Dispensed);

export interface CashUnit {
  /** Starts taking money toward `due` yen; money beyond it comes back as change. */
  open(due: number): void;
  /** Whether the slot takes money now (open and the fee not yet covered). */
  accepting(): boolean;
  /** Yen inserted since open(). */
  inserted(): number;
  /** Keeps `amount` of what was inserted and pays the rest back as change. Closes the slot. */
  keep(amount: number): Promise<Dispensed>;
  /** Gives back everything inserted since open() (cancelled payment). Closes the slot. */
  returnAll(): Promise<Dispensed>;
  /** Pays `amount` out of the cash box (a refund for a certificate that could not be printed). */
  payOut(amount: number): Promise<Dispensed>;
  onEvent(listener: (event: CashEvent) => void): () => void;
}

/** Splits an amount into the pieces a machine pays out, largest first. */
export function payoutPieces(amount: number): { yen: number; count: number }[] {
  if (!Number.isInteger(amount) || amount < 0 || amount % 10 !== 0)
    throw new RangeError(`cannot pay out ${amount} yen`);
  const pieces: { yen: number; count: number }[] = [];
  let rest = amount;
  for (const yen of PAYOUT_YEN) {
    const count = Math.floor(rest / yen);
    if (count > 0) pieces.push({ yen, count });
    rest -= count * yen;
  }
  return pieces;
}

export function isAcceptedYen(yen: number): yen is AcceptedYen {
  return (ACCEPTED_YEN as readonly number[]).includes(yen);
}

/**
 * A cash unit in memory, for the demo and tests. Money is "inserted" by a
 * call (the demo screen's coin buttons); what it pays out is announced as an
 * event. It keeps only totals: what the box holds, never who paid it.
 */
export class SimulatedCashUnit implements CashUnit {
  private due: number | null = null;
  private total = 0;
  private box = 0;
  private readonly listeners = new Set<(event: CashEvent) => void>();

  open(due: number): void {
    if (!Number.isInteger(due) || due < 0) throw new RangeError(`not a fee: ${due}`);
    if (this.due !== null && this.total > 0) throw new Error('the cash unit holds an unfinished payment');
    this.due = due;
    this.total = 0;
  }

  accepting(): boolean {
    return this.due !== null && this.total < this.due;
  }

  inserted(): number {
    return this.total;
  }

  /** A coin or note put into the slot; refused ones fall straight into the return tray. */
  insert(yen: number): { accepted: boolean; reason?: 'denomination' | 'not_accepting' } {
    if (!isAcceptedYen(yen)) {
      this.emit({ type: 'rejected', yen, reason: 'denomination' });
      return { accepted: false, reason: 'denomination' };
    }
    if (!this.accepting()) {
      this.emit({ type: 'rejected', yen, reason: 'not_accepting' });
      return { accepted: false, reason: 'not_accepting' };
    }
    this.total += yen;
    this.emit({ type: 'accepted', yen, inserted: this.total });
    return { accepted: true };
  }

  async keep(amount: number): Promise<Dispensed> {
    if (this.due === null) throw new Error('no payment is open');
    if (amount > this.total) throw new Error(`only ${this.total} yen were inserted, not ${amount}`);
    const change = this.total - amount;
    this.box += amount;
    this.due = null;
    this.total = 0;
    this.emit({ type: 'kept', amount });
    return this.dispense(change, 'change');
  }

  async returnAll(): Promise<Dispensed> {
    const amount = this.total;
    this.due = null;
    this.total = 0;
    return this.dispense(amount, 'return');
  }

  async payOut(amount: number): Promise<Dispensed> {
    this.box -= amount;
    return this.dispense(amount, 'refund');
  }

  /** Yen kept minus yen refunded since the unit started (the day's takings, for the demo's operator). */
  cashBox(): number {
    return this.box;
  }

  onEvent(listener: (event: CashEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private dispense(amount: number, reason: DispenseReason): Dispensed {
    const dispensed: Dispensed = { amount, reason, pieces: payoutPieces(amount) };
    if (amount > 0) this.emit({ type: 'dispensed', ...dispensed });
    return dispensed;
  }

  private emit(event: CashEvent) {
    for (const listener of this.listeners) listener(event);
  }
}
