/**
 * Letters of the mail desk, sent to the return address: the request for the
 * missing fee (不足額のお知らせ) and the letter that goes back with a request
 * that cannot be handled (返送のお知らせ). Pure: facts in, paper out.
 */
import { CERTIFICATES, type CertificateType } from '../../../domain/certificates.js';
import { formatEraDate } from '../../../domain/japanese-era.js';
import type { PaperDocument } from '../../counter/index.js';

/** 1,234円 (the renderer's own helper is not part of its public surface). */
function yen(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}円`;
}

export interface MailLetterFacts {
  municipality: { code: string; name: string; officeAddress: string; phone: string };
  letterNumber: string;
  issuedOn: string;
  issuedAt: string;
  reference: string;
  receivedOn: string;
  returnAddress: { postalCode?: string; address: string; addressLine2?: string; name: string };
}

function base(facts: MailLetterFacts, title: string): Omit<PaperDocument, 'blocks'> {
  return {
    title,
    municipality: { code: facts.municipality.code, name: facts.municipality.name },
    number: facts.letterNumber,
    issuedOn: facts.issuedOn,
    issuedAt: facts.issuedAt,
    addressee: facts.returnAddress,
    sender: [facts.municipality.name, facts.municipality.officeAddress, `電話 ${facts.municipality.phone}`],
  };
}

export function shortfallLetter(
  facts: MailLetterFacts & {
    items: readonly { certificate: CertificateType; copies: number; total: number }[];
    due: number;
    held: number;
    shortfall: number;
  },
): PaperDocument {
  return {
    ...base(facts, '郵送請求の手数料不足についてのお知らせ'),
    blocks: [
      {
        type: 'text',
        text: `${formatEraDate(facts.receivedOn)}に受け付けた証明書の郵送請求について、同封いただいた定額小為替では手数料が不足しています。不足額を定額小為替でお送りください。不足額の到着を確認しだい、証明書をお送りします。`,
        gapBefore: 4,
      },
      {
        type: 'table',
        columns: [
          { label: '請求された証明書', width: 250 },
          { label: '通数', width: 60, align: 'right' },
          { label: '手数料', width: 0, align: 'right' },
        ],
        rows: facts.items.map((i) => [CERTIFICATES[i.certificate].nameJa, `${i.copies}通`, yen(i.total)]),
        gapBefore: 12,
      },
      {
        type: 'fields',
        labelWidth: 150,
        rows: [
          ['手数料の合計', yen(facts.due)],
          ['お預かりしている額', yen(facts.held)],
          ['不足額', yen(facts.shortfall)],
          ['受付番号', facts.reference],
        ],
        gapBefore: 12,
      },
      {
        type: 'text',
        text: '不足額をお送りいただく際は、このお知らせを同封してください。定額小為替は、ゆうちょ銀行・郵便局でお求めいただけます（無記入のままお送りください）。',
        size: 9.5,
        gapBefore: 14,
      },
    ],
  };
}

export function returnedLetter(facts: MailLetterFacts & { reason: string; refunded: number }): PaperDocument {
  return {
    ...base(facts, '郵送請求の返送についてのお知らせ'),
    blocks: [
      {
        type: 'text',
        text: `${formatEraDate(facts.receivedOn)}に受け付けた証明書の郵送請求は、次の理由により証明書を交付できませんでしたので、同封の書類をお返しします。`,
        gapBefore: 4,
      },
      {
        type: 'fields',
        labelWidth: 150,
        rows: [
          ['受付番号', facts.reference],
          ['理由', facts.reason],
          ['お返しする定額小為替', facts.refunded > 0 ? yen(facts.refunded) : 'なし'],
        ],
        gapBefore: 12,
      },
      {
        type: 'text',
        text: 'ご不明な点は、上記の担当窓口までお問い合わせください。',
        size: 9.5,
        gapBefore: 14,
      },
    ],
  };
}
