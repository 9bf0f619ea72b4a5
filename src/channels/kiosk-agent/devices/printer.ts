import { PDFDocument } from 'pdf-lib';

/**
 * The kiosk's printer. It prints a signed PDF and says whether paper came
 * out; a failure after payment is what the reprint window and refunds exist for.
 */

export type PrintFailure = 'paper_out' | 'jam' | 'offline';

export type PrintResult = { ok: true; sheets: number } | { ok: false; reason: PrintFailure };

export interface Printer {
  /** Prints `copies` copies of the document (a certificate PDF holds one copy). */
  print(pdf: Uint8Array, copies: number): Promise<PrintResult>;
}

/** The pages of a PDF as a printer driver's spooler reports them; 0 for bytes that are not a PDF. */
export async function countPdfPages(pdf: Uint8Array): Promise<number> {
  try {
    const document = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
    return document.getPageCount();
  } catch {
    return 0;
  }
}

/**
 * A printer in memory. Tests (and a demo operator) make the next print fail
 * with `failNext`; listeners receive every printed document, which is how a
 * test gets the certificate that "came out" without the agent keeping it.
 */
export class SimulatedPrinter implements Printer {
  private readonly failures: PrintFailure[] = [];
  private readonly listeners = new Set<(pdf: Uint8Array, copies: number) => void>();
  private printedCount = 0;

  /** The next `times` prints fail with `reason`. */
  failNext(reason: PrintFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(reason);
  }

  /** Forgets injected failures that have not happened yet. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  /** Documents printed since the printer started. */
  printed(): number {
    return this.printedCount;
  }

  async print(pdf: Uint8Array, copies: number): Promise<PrintResult> {
    const failure = this.failures.shift();
    if (failure) return { ok: false, reason: failure };
    const pages = await countPdfPages(pdf);
    // Not a PDF the printer can rasterise: nothing comes out.
    if (pages === 0 || !Number.isInteger(copies) || copies < 1) return { ok: false, reason: 'offline' };
    this.printedCount += 1;
    for (const listener of this.listeners) listener(pdf, copies);
    return { ok: true, sheets: pages * copies };
  }

  onPrinted(listener: (pdf: Uint8Array, copies: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
