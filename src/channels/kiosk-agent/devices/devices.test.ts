import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { SimulatedCardReader } from './card-reader.js';
import { type CashEvent, payoutPieces, SimulatedCashUnit } from './cash-unit.js';
import { countPdfPages, SimulatedPrinter } from './printer.js';

describe('the simulated cash unit', () => {
  it('takes coins and notes toward the fee, refuses 1- and 5-yen coins and anything once the fee is covered', () => {
    const cash = new SimulatedCashUnit();
    const events: CashEvent[] = [];
    cash.onEvent((event) => events.push(event));
    expect(cash.accepting()).toBe(false);
    expect(cash.insert(100)).toEqual({ accepted: false, reason: 'not_accepting' });
    cash.open(400);
    expect(cash.insert(5)).toEqual({ accepted: false, reason: 'denomination' });
    expect(cash.insert(100)).toEqual({ accepted: true });
    expect(cash.insert(1000)).toEqual({ accepted: true });
    expect(cash.inserted()).toBe(1100);
    expect(cash.accepting()).toBe(false);
    expect(cash.insert(10)).toEqual({ accepted: false, reason: 'not_accepting' });
    expect(events.map((e) => e.type)).toEqual(['rejected', 'rejected', 'accepted', 'accepted', 'rejected']);
  });

  it('keeps the fee and pays the rest back as change, largest pieces first', async () => {
    const cash = new SimulatedCashUnit();
    cash.open(350);
    cash.insert(1000);
    const change = await cash.keep(350);
    expect(change).toEqual({
      amount: 650,
      reason: 'change',
      pieces: [
        { yen: 500, count: 1 },
        { yen: 100, count: 1 },
        { yen: 50, count: 1 },
      ],
    });
    expect(cash.cashBox()).toBe(350);
    expect(cash.inserted()).toBe(0);
    expect(cash.accepting()).toBe(false);
  });

  it('gives everything back when a payment is abandoned, and pays refunds out of the box', async () => {
    const cash = new SimulatedCashUnit();
    cash.open(200);
    cash.insert(100);
    expect((await cash.returnAll()).amount).toBe(100);
    cash.open(200);
    cash.insert(500);
    await cash.keep(200);
    expect((await cash.payOut(200)).reason).toBe('refund');
    expect(cash.cashBox()).toBe(0);
  });

  it('will not keep more than was inserted, nor open over an unfinished payment', async () => {
    const cash = new SimulatedCashUnit();
    cash.open(400);
    cash.insert(100);
    await expect(cash.keep(400)).rejects.toThrow(/only 100 yen/);
    expect(() => cash.open(200)).toThrow(/unfinished/);
  });

  it('splits any multiple of 10 into pieces that add up', () => {
    for (let amount = 0; amount <= 20_000; amount += 10) {
      const total = payoutPieces(amount).reduce((sum, piece) => sum + piece.yen * piece.count, 0);
      expect(total).toBe(amount);
    }
    expect(() => payoutPieces(15)).toThrow(RangeError);
  });
});

async function pdfOfPages(pages: number): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  for (let i = 0; i < pages; i++) document.addPage();
  return document.save();
}

describe('the simulated printer', () => {
  it('prints copies of a PDF, counting sheets, and hands each document to its listeners', async () => {
    const printer = new SimulatedPrinter();
    const seen: number[] = [];
    printer.onPrinted((_pdf, copies) => seen.push(copies));
    const pdf = await pdfOfPages(2);
    expect(await countPdfPages(pdf)).toBe(2);
    expect(await printer.print(pdf, 3)).toEqual({ ok: true, sheets: 6 });
    expect(seen).toEqual([3]);
    expect(printer.printed()).toBe(1);
  });

  it('fails the next prints as told, then works again', async () => {
    const printer = new SimulatedPrinter();
    const pdf = await pdfOfPages(1);
    printer.failNext('jam');
    printer.failNext('paper_out');
    expect(await printer.print(pdf, 1)).toEqual({ ok: false, reason: 'jam' });
    expect(await printer.print(pdf, 1)).toEqual({ ok: false, reason: 'paper_out' });
    expect(await printer.print(pdf, 1)).toEqual({ ok: true, sheets: 1 });
    expect(printer.printed()).toBe(1);
  });

  it('prints nothing from bytes that are not a PDF', async () => {
    expect(await new SimulatedPrinter().print(new TextEncoder().encode('hello'), 1)).toEqual({
      ok: false,
      reason: 'offline',
    });
  });
});

describe('the simulated card slot', () => {
  it('reports a card placed and taken, and refuses an unknown one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-slot-'));
    const reader = new SimulatedCardReader([
      {
        id: 'card-1',
        path: join(dir, 'missing.json'),
        holderName: '見本　花子',
        householdSize: 1,
        hasSeal: false,
        hasKoseki: false,
        hasTax: false,
      },
    ]);
    const changes: boolean[] = [];
    reader.onChange((present) => changes.push(present));
    expect(reader.list()).toEqual([
      {
        id: 'card-1',
        holderName: '見本　花子',
        householdSize: 1,
        hasSeal: false,
        hasKoseki: false,
        hasTax: false,
      },
    ]);
    // The file is opened when placed: a card that cannot be read is not "on the reader".
    await expect(reader.place('card-1')).rejects.toThrow();
    await expect(reader.place('card-9')).rejects.toThrow(RangeError);
    expect(reader.currentCard()).toBeNull();
    reader.take();
    expect(changes).toEqual([]);
  });
});
