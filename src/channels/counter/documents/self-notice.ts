/**
 * 本人通知: the letter telling a registered person that a certificate about
 * them went to someone else. What it says follows the 本人通知制度 practice:
 * the date, the kind of certificate, the number of copies and the category of
 * the requester (代理人, 第三者, 特定事務受任者, 公用請求) — never the requester's
 * name, address or stated reason, which the person can obtain only through a
 * disclosure request (個人情報の開示請求).
 */
import { CERTIFICATES, type CertificateType } from '../../../domain/certificates.js';
import type { LawfulReasonKind, Profession } from '../../../domain/eligibility.js';
import { formatEraDate } from '../../../domain/japanese-era.js';
import type { PaperAddressee, PaperDocument } from './paper.js';

export const PROFESSION_NAMES: Readonly<Record<Profession, string>> = {
  lawyer: '弁護士',
  judicial_scrivener: '司法書士',
  land_surveyor: '土地家屋調査士',
  tax_accountant: '税理士',
  labor_consultant: '社会保険労務士',
  patent_attorney: '弁理士',
  maritime_agent: '海事代理士',
  administrative_scrivener: '行政書士',
};

/** What the issuance recorded about who asked: enough to name the category, nothing more is printed. */
export interface RequesterOnRecord {
  relation: string;
  basis?: string;
  lawfulReason?: { kind: LawfulReasonKind; professional?: { profession: Profession } };
}

/** The category of requester as the notice prints it. */
export function requesterCategory(requester: RequesterOnRecord): string {
  if (requester.basis === 'power_of_attorney' || requester.relation === 'agent') return '代理人';
  const kind = requester.lawfulReason?.kind;
  if (kind === 'professional_duty') {
    const profession = requester.lawfulReason?.professional?.profession;
    return profession
      ? `特定事務受任者（${PROFESSION_NAMES[profession]}）による職務上請求`
      : '特定事務受任者による職務上請求';
  }
  if (kind === 'official_request') return '国又は地方公共団体の機関（公用請求）';
  return '第三者';
}

export interface SelfNoticeFacts {
  municipality: { code: string; name: string; officeAddress: string; phone: string };
  letterNumber: string;
  issuedOn: string;
  issuedAt: string;
  recipient: PaperAddressee;
  certificate: CertificateType;
  copies: number;
  /** The day the certificate was handed over (JST). */
  deliveredOn: string;
  channel: 'counter' | 'mail';
  requester: RequesterOnRecord;
  /** 交付番号 of the certificate: lets the person ask about exactly this issuance. */
  issueNumber: string;
}

export function selfNoticeDocument(facts: SelfNoticeFacts): PaperDocument {
  const certificate = CERTIFICATES[facts.certificate];
  return {
    title: '証明書の交付についてのお知らせ（本人通知）',
    municipality: { code: facts.municipality.code, name: facts.municipality.name },
    number: facts.letterNumber,
    issuedOn: facts.issuedOn,
    issuedAt: facts.issuedAt,
    addressee: facts.recipient,
    sender: [facts.municipality.name, facts.municipality.officeAddress, `電話 ${facts.municipality.phone}`],
    blocks: [
      {
        type: 'text',
        text: `あなたが登録されている本人通知制度に基づき、あなたに関する${certificate.nameJa}を下記のとおり交付しましたので、お知らせします。`,
        gapBefore: 4,
      },
      { type: 'text', text: '記', align: 'center', gapBefore: 12 },
      {
        type: 'fields',
        labelWidth: 130,
        rows: [
          ['交付年月日', formatEraDate(facts.deliveredOn)],
          ['証明書の種類', certificate.nameJa],
          ['交付通数', `${facts.copies}通`],
          ['交付請求者の種別', requesterCategory(facts.requester)],
          ['請求の方法', facts.channel === 'mail' ? '郵送による請求' : '窓口での請求'],
          ['交付番号', facts.issueNumber],
        ],
        gapBefore: 10,
      },
      {
        type: 'text',
        text: '交付請求者の氏名などの詳しい内容は、個人情報の開示請求によりご確認いただけます。このお知らせの交付番号をお伝えください。',
        size: 9.5,
        gapBefore: 16,
      },
      {
        type: 'text',
        text: 'お心当たりのない場合やご不明な点は、上記の担当窓口までお問い合わせください。',
        size: 9.5,
        gapBefore: 4,
      },
    ],
  };
}
