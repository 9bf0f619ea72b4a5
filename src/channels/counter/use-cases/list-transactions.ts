import type { TransactionRow } from '../data/counter.repository.js';
import { listTransactions } from '../data/counter.repository.js';
import type { ActingStaff, CounterDeps } from './counter-deps.js';

/** The clerk's own visits (or the office's), newest first: states and times, no personal data. */
export async function listCounterTransactions(
  deps: CounterDeps,
  staff: ActingStaff,
  filter: { mine: boolean; status?: TransactionRow['status'] | undefined; limit: number },
) {
  const rows = await listTransactions(deps.issuance.db, staff.municipalityCode, {
    ...(filter.mine ? { clerkId: staff.staffId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    limit: filter.limit,
  });
  return rows.map((r) => ({
    transactionId: r.transaction_id,
    status: r.status,
    clerkId: r.clerk_id,
    terminalId: r.terminal_id,
    openedAt: new Date(r.opened_at).toISOString(),
    paidAt: r.paid_at ? new Date(r.paid_at).toISOString() : null,
  }));
}
