/**
 * 転出証明書: issued when a 転出 is accepted, for the town the household moves
 * to. It certifies the notification (who, from where, to where, when) with the
 * items the new town needs to register them — 住民票コード, 本籍・筆頭者 — and is
 * signed by the municipality like every other certificate.
 */
import { defaultFontChain, type FontChain } from '../../render/fonts.js';
import { era, fullName, LABEL_WIDTH } from '../../render/layouts/common.js';
import type { CertificateHeader, PersonName } from '../../render/model.js';
import type { Block, CertificateLayout, Row } from '../../render/page.js';
import { gridRow, label, sexLabel, value } from '../../render/table.js';
import type { Typesetter } from '../../render/text.js';
import type { LoadedSigningIdentity } from '../../signing/keys.js';
import { preparePdfForSigning, signPreparedPdf } from '../../signing/pades.js';
import { checkPrintable, renderCertificateLayout } from './certificate-pdf.js';

export const TENSHUTSU_TITLE = '転出証明書';
export const TENSHUTSU_ATTESTATION = '上記のとおり転出の届出があったことを証明する。';

export interface TenshutsuPerson {
  name: PersonName;
  kana: PersonName;
  birthDate: string;
  sex: 'M' | 'F';
  relationship: string;
  juminhyoCode: string;
  honseki?: { address: string; hittosha: string };
  residentSince?: string;
}

export interface TenshutsuCertificateDocument extends CertificateHeader {
  /** The address left: the 前住所 of the new town. */
  address: string;
  katagaki?: string;
  destination: string;
  /** 転出予定日 (or the day of the move). */
  moveDate: string;
  notifiedOn: string;
  head: PersonName;
  persons: TenshutsuPerson[];
}

const HALF = 252.64 - LABEL_WIDTH;

function personRows(ts: Typesetter, p: TenshutsuPerson): Row[] {
  const rows: Row[] = [
    gridRow(ts, [
      label('氏名', LABEL_WIDTH),
      { width: 0, text: fullName(p.name), ruby: fullName(p.kana), noWrap: true, size: 11 },
    ]),
    gridRow(ts, [
      label('生年月日', LABEL_WIDTH),
      value(era(p.birthDate), HALF),
      label('性別', LABEL_WIDTH),
      value(sexLabel(p.sex)),
    ]),
    gridRow(ts, [
      label('続柄', LABEL_WIDTH),
      value(p.relationship, HALF),
      label('住民票コード', LABEL_WIDTH),
      value(p.juminhyoCode, 0, { noWrap: true }),
    ]),
  ];
  if (p.residentSince)
    rows.push(gridRow(ts, [label('住民となった年月日', LABEL_WIDTH), value(era(p.residentSince))]));
  if (p.honseki)
    rows.push(
      gridRow(ts, [label('本籍', LABEL_WIDTH), value(p.honseki.address)]),
      gridRow(ts, [label('筆頭者', LABEL_WIDTH), value(p.honseki.hittosha, 0, { noWrap: true })]),
    );
  return rows;
}

export function tenshutsuLayout(ts: Typesetter, doc: TenshutsuCertificateDocument): CertificateLayout {
  const header: Row[] = [
    gridRow(ts, [
      label('住所', LABEL_WIDTH),
      { width: 0, lines: doc.katagaki ? [doc.address, doc.katagaki] : [doc.address] },
    ]),
    gridRow(ts, [label('世帯主', LABEL_WIDTH), value(fullName(doc.head), 0, { noWrap: true })]),
  ];
  const move: Block = {
    rows: [
      gridRow(ts, [label('転出先', LABEL_WIDTH), value(doc.destination)]),
      gridRow(ts, [
        label('転出予定日', LABEL_WIDTH),
        value(era(doc.moveDate), HALF),
        label('届出日', LABEL_WIDTH),
        value(era(doc.notifiedOn)),
      ]),
    ],
  };
  return {
    title: TENSHUTSU_TITLE,
    header,
    blocks: [move, ...doc.persons.map((p) => ({ rows: personRows(ts, p), framed: true }) satisfies Block)],
  };
}

/** Renders and signs (PAdES, the municipality's key) a 転出証明書; deterministic for the same inputs. */
export async function renderTenshutsuCertificate(
  doc: TenshutsuCertificateDocument,
  identity: LoadedSigningIdentity,
  signingTime: Date,
  chain: FontChain = defaultFontChain(),
): Promise<{ pdf: Uint8Array; pages: number }> {
  checkPrintable(doc, chain);
  const { pdf, pages } = await renderCertificateLayout(
    doc,
    (ts) => tenshutsuLayout(ts, doc),
    chain,
    TENSHUTSU_TITLE,
  );
  preparePdfForSigning(pdf, {
    signingTime,
    name: `${doc.certifier.title} ${doc.certifier.name}`,
    reason: '転出証明書の交付 (certificate of moving out)',
    location: doc.municipality.name,
  });
  const prepared = await pdf.save({ useObjectStreams: false });
  return { pdf: signPreparedPdf(prepared, identity), pages };
}
