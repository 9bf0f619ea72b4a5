/**
 * 領収書 of one counter visit: every certificate issued with its issue number,
 * copies, unit fee and amount, the total, how it was paid, the date, the clerk
 * and the receipt number. A pure function from the recorded facts to paper.
 */
import { CERTIFICATES, type CertificateType } from '../../../domain/certificates.js';
import { EXEMPTION_NAMES, type ExemptionKind } from '../../../domain/fees.js';
import { formatEraDate } from '../../../domain/japanese-era.js';
import { yen } from '../../../render/table.js';
import type { PaperDocument } from './paper.js';

export interface ReceiptItem {
  certificate: CertificateType;
  issueNumber: string;
  copies: number;
  unitFee: number;
  total: number;
  /** Printed beside the amount: a campaign fee, or the exemption's kind. */
  campaign?: boolean;
  exemption?: ExemptionKind;
}

export interface ReceiptFacts {
  municipality: { code: string; name: string; officeAddress: string; phone: string };
  receiptNumber: string;
  issuedOn: string;
  issuedAt: string;
  /** The payer as the clerk wrote it or as registered; absent prints a blank line to fill by hand. */
  payerName?: string;
  items: readonly ReceiptItem[];
  paymentMethod: 'cash' | 'cashless' | 'exempt';
  tendered?: number;
  paymentReference?: string;
  clerkName: string;
  terminalId?: string;
}

export const PAYMENT_NAMES: Readonly<Record<ReceiptFacts['paymentMethod'], string>> = {
  cash: '現金',
  cashless: 'キャッシュレス決済',
  exempt: '手数料免除',
};

export function receiptTotal(items: readonly ReceiptItem[]): number {
  return items.reduce((sum, item) => sum + item.total, 0);
}

function hhmm(issuedAt: string): string {
  const m = /T(\d{2}):(\d{2})/.exec(issuedAt);
  return m ? `${Number(m[1])}時${m[2]}分` : '';
}

export function receiptDocument(facts: ReceiptFacts): PaperDocument {
  const total = receiptTotal(facts.items);
  const rows = facts.items.map((item) => {
    const note = item.exemption
      ? `免除（${EXEMPTION_NAMES[item.exemption].ja}）`
      : item.campaign
        ? '特例額'
        : '';
    return [
      CERTIFICATES[item.certificate].nameJa,
      item.issueNumber,
      `${item.copies}通`,
      yen(item.unitFee),
      yen(item.total),
      note,
    ];
  });
  const payment: [string, string][] = [
    ['合計金額', yen(total)],
    ['お支払い方法', total === 0 ? PAYMENT_NAMES.exempt : PAYMENT_NAMES[facts.paymentMethod]],
  ];
  if (facts.paymentMethod === 'cash' && total > 0 && facts.tendered !== undefined) {
    payment.push(['お預かり', yen(facts.tendered)], ['お釣り', yen(facts.tendered - total)]);
  }
  if (facts.paymentMethod === 'cashless' && facts.paymentReference)
    payment.push(['決済番号', facts.paymentReference]);
  return {
    title: '領　収　書',
    municipality: { code: facts.municipality.code, name: facts.municipality.name },
    number: facts.receiptNumber,
    issuedOn: facts.issuedOn,
    issuedAt: facts.issuedAt,
    sender: [facts.municipality.name, facts.municipality.officeAddress, `電話 ${facts.municipality.phone}`],
    blocks: [
      {
        type: 'text',
        text: `${facts.payerName ?? '　　　　　　　　　　'}　様`,
        size: 13,
        gapBefore: 0,
      },
      { type: 'text', text: `金額　${yen(total)}`, size: 18, align: 'center', gapBefore: 14 },
      {
        type: 'text',
        text: '上記の金額を、証明手数料として下記のとおり領収しました。',
        gapBefore: 10,
      },
      {
        type: 'table',
        columns: [
          { label: '証明書', width: 135 },
          { label: '発行番号', width: 85, align: 'center' },
          { label: '通数', width: 40, align: 'right' },
          { label: '単価', width: 55, align: 'right' },
          { label: '金額', width: 62, align: 'right' },
          { label: '備考', width: 0 },
        ],
        rows,
        gapBefore: 12,
      },
      { type: 'fields', rows: payment, gapBefore: 14 },
      {
        type: 'fields',
        rows: [
          ['領収日時', `${formatEraDate(facts.issuedOn)}　${hhmm(facts.issuedAt)}`],
          ['取扱者', facts.terminalId ? `${facts.clerkName}（${facts.terminalId}）` : facts.clerkName],
          ['領収番号', facts.receiptNumber],
        ],
        gapBefore: 10,
      },
    ],
  };
}
