import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, type PDFRawStream, type PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEraDate } from '../domain/japanese-era.js';
import { AppError } from '../shared/errors.js';
import {
  BUNDLED_FONT_PATH,
  bundledFontChain,
  defaultFontChain,
  FontChain,
  IPAMJ_MINCHO_PATH,
  loadFace,
} from './fonts.js';
import type { CertificateDocument, JuminhyoDocument, KosekiDocument } from './model.js';
import { renderCertificate, renderCertificateBytes } from './render-certificate.js';
import {
  decodeQrOnPage,
  type PdfOnDisk,
  pdffonts,
  pdfPageCount,
  pdftotext,
  writePdf,
} from './testing/poppler.js';
import {
  IVS_KATSU,
  MJ_TSUJI,
  sampleDocuments,
  sampleForeignMember,
  sampleJuminhyo,
  sampleKazei,
  sampleKoseki,
} from './testing/sample-documents.js';

const hasIpamj = existsSync(IPAMJ_MINCHO_PATH);
const disposers: PdfOnDisk[] = [];
afterAll(() => {
  for (const d of disposers) d.dispose();
});

async function render(doc: CertificateDocument, fonts?: FontChain) {
  const { bytes, pages } = await renderCertificateBytes(doc, fonts ? { fonts } : {});
  const disk = writePdf(bytes);
  disposers.push(disk);
  return { bytes, pages, file: disk.file, text: pdftotext(disk.file) };
}

/** What every certificate must show, whatever its kind. */
function commonTexts(doc: CertificateDocument): string[] {
  return [
    doc.attestation,
    formatEraDate(doc.issuedOn),
    doc.certifier.title,
    ...doc.certifier.name.split('　'),
    doc.issueNumber,
    doc.verification.code,
    '以下余白',
  ];
}

function kindTexts(doc: CertificateDocument): string[] {
  switch (doc.kind) {
    case 'juminhyo':
    case 'juminhyo-joheyo':
    case 'juminhyo-kisai':
      return [
        doc.household.address,
        ...doc.members.flatMap((m) => [m.name.family, m.name.given, formatEraDate(m.birthDate)]),
      ];
    case 'inkan':
      return [doc.name.family, doc.name.given, doc.address, formatEraDate(doc.birthDate)];
    case 'koseki-zenbu':
    case 'koseki-kojin':
    case 'koseki-joseki':
    case 'koseki-kaiseigen':
      return [
        doc.honseki,
        doc.name.family,
        doc.name.given,
        ...doc.members.flatMap((m) => [
          `【名】${m.givenName}`,
          formatEraDate(m.birthDate, { fullWidth: true }),
        ]),
      ];
    case 'fuhyo':
      return [
        doc.honseki,
        ...doc.members.flatMap((m) => [
          m.name.given,
          ...m.addresses.flatMap((a) => [a.address, formatEraDate(a.since)]),
        ]),
      ];
    case 'kazei':
      return [doc.person.address, doc.person.name.family, doc.person.name.given, '令和6年度', '136,800円'];
  }
}

describe('renderCertificate: every kind', () => {
  const docs = sampleDocuments();
  const rendered = new Map<string, Awaited<ReturnType<typeof render>>>();

  beforeAll(async () => {
    for (const [kind, doc] of Object.entries(docs)) rendered.set(kind, await render(doc));
  });

  for (const kind of Object.keys(sampleDocuments())) {
    describe(kind, () => {
      it('embeds only subset fonts with a ToUnicode map', () => {
        const fonts = pdffonts(rendered.get(kind)!.file);
        expect(fonts.length).toBeGreaterThan(0);
        for (const font of fonts) {
          expect(font).toMatchObject({ type: 'CID', embedded: true, subset: true, unicode: true });
          expect(font.name).toMatch(/^[A-Z]{6}\+/);
        }
        if (hasIpamj) expect(fonts.map((f) => f.name.slice(7))).toContain('IPAmjMincho');
      });

      it('prints names, addresses and dates exactly, then 以下余白', () => {
        const { text } = rendered.get(kind)!;
        const doc = docs[kind]!;
        for (const expected of [...commonTexts(doc), ...kindTexts(doc)]) expect(text).toContain(expected);
      });

      it('carries a QR code with the verification URL on the first page', () => {
        expect(decodeQrOnPage(rendered.get(kind)!.file, 1)).toBe(docs[kind]!.verification.url);
      });

      it('stays small: one page under 60 KiB', () => {
        const r = rendered.get(kind)!;
        if (r.pages === 1) expect(r.bytes.length).toBeLessThan(60 * 1024);
        expect(pdfPageCount(r.file)).toBe(r.pages);
      });
    });
  }

  it('prints 𠮷 and the variation sequences byte for byte', () => {
    const juminhyo = rendered.get('juminhyo')!.text;
    expect(juminhyo).toContain('𠮷野');
    expect(juminhyo).toContain(`${IVS_KATSU}子`);
    // 葛 U+E0100 in UTF-8
    expect(Buffer.from(juminhyo).includes(Buffer.from([0xe8, 0x91, 0x9b, 0xf3, 0xa0, 0x84, 0x80]))).toBe(
      true,
    );
    const koseki = rendered.get('koseki-zenbu')!.text;
    expect(koseki).toContain(`【父】${MJ_TSUJI}本正`);
  });

  it('titles a 改製原戸籍 as its 謄本, or its 抄本 when only one person is copied, with the 改製 remark', async () => {
    const whole = rendered.get('koseki-kaiseigen')!.text.replace(/\s+/g, '');
    expect(whole).toContain('改製原戸籍謄本');
    expect(whole).toContain('この謄本は、改製原戸籍の原本と相違ないことを認証する。');
    expect(whole).toContain('平成6年法務省令第51号附則第2条第1項による改製につき消除');
    const excerpt = { ...sampleKoseki(2, 'koseki-kaiseigen'), excerpt: true };
    const { text } = await render(excerpt);
    expect(text.replace(/\s+/g, '')).toContain('改製原戸籍抄本');
    expect(text.replace(/\s+/g, '')).not.toContain('改製原戸籍謄本');
  });

  it('says 非課税 instead of tax amounts when the person is not taxed', async () => {
    const { text } = await render(sampleKazei('exempt'));
    expect(text).toContain('非課税');
    expect(text).not.toContain('136,800円');
    expect(text).toContain('350,000円');
  });
});

describe('renderCertificate: pagination', () => {
  it('spreads a 12-person household over pages with the header, page numbers and QR on each', async () => {
    const doc = sampleJuminhyo(12);
    const { file, pages, text } = await render(doc);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let page = 1; page <= pages; page++) {
      const pageText = pdftotext(file, page);
      expect(pageText).toContain(`${page}/${pages}`);
      expect(pageText).toContain('住民票の写し');
      expect(pageText).toContain(doc.household.address);
      expect(pageText).toContain(doc.issueNumber);
      if (page < pages - 1) expect(pageText).toContain('次頁へ続く');
    }
    expect(decodeQrOnPage(file, pages)).toBe(doc.verification.url);
    // Everyone is printed once, the blank marker once, after the last person.
    for (const m of doc.members) expect(text.split(formatEraDate(m.birthDate)).length - 1).toBe(1);
    expect(text.split('以下余白').length - 1).toBe(1);
    expect(text.indexOf('以下余白')).toBeGreaterThan(text.lastIndexOf(doc.members[11]!.name.given));
    expect(pdftotext(file, pages)).toContain(doc.attestation);
  });

  it('paginates a register of 10 members with the 除籍 mark on those who left', async () => {
    const doc: KosekiDocument = sampleKoseki(10);
    const { pages, text, file } = await render(doc);
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) {
      const pageText = pdftotext(file, page);
      expect(pageText).toContain(`${page}/${pages}`);
      expect(pageText).toContain(doc.honseki);
    }
    for (const m of doc.members) expect(text).toContain(`【名】${m.givenName}`);
    const removed = doc.members.filter((m) => m.removed).length;
    expect(removed).toBeGreaterThan(0);
    // The mark is spread like a printed stamp (除　籍), so its characters come out apart.
    expect(text.match(/除\s+籍/g)?.length).toBe(removed);
    expect(text).toContain('これは、戸籍に記録されている事項の全部を証明した書面である。');
  });
});

describe('renderCertificate: foreign residents', () => {
  it('prints the alphabet name, nationality, status of residence and Western dates', async () => {
    const doc: JuminhyoDocument = { ...sampleJuminhyo(1), members: [sampleMember0(), sampleForeignMember()] };
    const { text } = await render(doc);
    for (const expected of ['SMITH JOHN', '米国', '技術・人文知識・国際業務', '須見', '丈', '中長期在留者']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('1988年7月14日');
    expect(text).toContain('2027年3月31日');
  });
});

function sampleMember0() {
  return sampleJuminhyo(1).members[0]!;
}

describe('renderCertificate: refusals', () => {
  it('refuses a character no font can print, naming the field and the code point', async () => {
    const doc = sampleJuminhyo(3);
    doc.members[1]!.name.given = '花\u{F0000}';
    const error = await renderCertificate(doc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      kind: 'unprocessable',
      code: 'unprintable_character',
      extra: { field: 'members[1].name.given', codePoint: 'U+F0000' },
    });
    expect((error as AppError).ja).toContain('世帯員（2番目）の氏名の名');
    expect((error as AppError).ja).toContain('U+F0000');
    // The message names the place, never the person's name.
    expect((error as AppError).message).not.toContain('花');
  });

  it('refuses a variation sequence no font registers rather than printing the base character', async () => {
    const doc = sampleKoseki(2);
    doc.members[0]!.father = '𠮷野\u4E00\u{E01EF}';
    await expect(renderCertificate(doc)).rejects.toMatchObject({
      code: 'unprintable_character',
      extra: { field: 'members[0].father', codePoint: 'U+4E00 U+E01EF' },
    });
  });

  it('refuses a date that is not an ISO date', async () => {
    const doc = sampleJuminhyo(1);
    doc.members[0]!.birthDate = '昭和25年1月1日';
    await expect(renderCertificate(doc)).rejects.toMatchObject({
      code: 'invalid_certificate_document',
      details: [expect.objectContaining({ at: 'members[0].birthDate' })],
    });
  });

  it('prints with the bundled font alone, and then refuses MJ-only sequences', async () => {
    const doc = sampleJuminhyo(2);
    const { file, text } = await render(doc, bundledFontChain());
    expect(pdffonts(file).map((f) => f.name.slice(7))).toEqual(['NotoSerifJP-Regular']);
    expect(text).toContain(`${IVS_KATSU}子`);
    const mj = sampleKoseki(2);
    await expect(renderCertificate(mj, { fonts: bundledFontChain() })).rejects.toMatchObject({
      code: 'unprintable_character',
    });
  });
});

describe('renderCertificate: determinism and metadata', () => {
  it('renders the same document to the same bytes, also with fresh font state', async () => {
    const doc = sampleJuminhyo(12);
    const a = (await renderCertificateBytes(doc)).bytes;
    const b = (await renderCertificateBytes(structuredClone(doc))).bytes;
    const fresh = new FontChain([
      () => loadFace('IPAmj明朝', hasIpamj ? IPAMJ_MINCHO_PATH : BUNDLED_FONT_PATH),
      () => loadFace('Noto Serif JP', BUNDLED_FONT_PATH),
    ]);
    const c = (await renderCertificateBytes(doc, { fonts: hasIpamj ? fresh : defaultFontChain() })).bytes;
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(c))).toBe(0);
    const other = (await renderCertificateBytes({ ...doc, issueNumber: '第R6-999999号' })).bytes;
    expect(Buffer.compare(Buffer.from(a), Buffer.from(other))).not.toBe(0);
  });

  it('takes dates and the document ID from the issue, not the clock', async () => {
    const doc = sampleJuminhyo(1);
    const { bytes, file } = await render(doc);
    const info = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
    expect(info).toMatch(/CreationDate:\s+2024-02-09T01:15:00Z/);
    expect(info).toMatch(/ModDate:\s+2024-02-09T01:15:00Z/);
    expect(info).toMatch(/Producer:\s+madoguchi certificate renderer/);
    const trailer = Buffer.from(bytes).toString('latin1');
    expect(trailer).toMatch(/\/ID \[ <[0-9A-F]{32}> <[0-9A-F]{32}> \]/);
    expect(info).not.toContain(doc.members[0]!.name.given);
  });

  it('returns an unsaved pdf-lib document a signer can extend', async () => {
    const { pdf, pages } = await renderCertificate(sampleJuminhyo(1));
    expect(pdf.getPageCount()).toBe(pages);
    pdf.catalog.set(PDFName.of('Extra'), PDFName.of('Yes'));
    const saved = await pdf.save({ useObjectStreams: false });
    expect(Buffer.from(saved).toString('latin1')).toContain('/Extra /Yes');
  });
});

describe('embedded glyphs', () => {
  it('are the source outlines, and each CID maps back to the exact text it was drawn for', async () => {
    const doc = sampleJuminhyo(3);
    doc.members[2]!.name.given = `${MJ_TSUJI}子`;
    const { bytes } = await renderCertificateBytes(doc);
    const pdf = await PDFDocument.load(bytes);
    const sources = new Map<string, fontkit.Font>([
      ['NotoSerifJP-Regular', fontkit.create(readFileSync(BUNDLED_FONT_PATH))],
    ]);
    if (hasIpamj) sources.set('IPAmjMincho', fontkit.create(readFileSync(IPAMJ_MINCHO_PATH)));
    const chain = defaultFontChain();
    const seen = new Map<string, string>();
    let checked = 0;
    for (const [, object] of pdf.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFDict) || object.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
      const baseFont = object.get(PDFName.of('BaseFont'))!.toString().slice(1);
      const psName = baseFont.slice(7);
      const source = sources.get(psName)!;
      const faceIndex = [0, 1].find((i) => chain.face(i).postscriptName === psName)!;
      const cid = pdf.context.lookup(
        (object.get(PDFName.of('DescendantFonts')) as unknown as { get(i: number): PDFRef }).get(0),
        PDFDict,
      );
      const descriptor = pdf.context.lookup(cid.get(PDFName.of('FontDescriptor')), PDFDict);
      const program = decodePDFRawStream(
        pdf.context.lookup(descriptor.get(PDFName.of('FontFile2'))) as PDFRawStream,
      ).decode();
      const subset = fontkit.create(program);
      const cmap = Buffer.from(
        decodePDFRawStream(pdf.context.lookup(object.get(PDFName.of('ToUnicode'))) as PDFRawStream).decode(),
      ).toString('latin1');
      const mappings = [...cmap.matchAll(/beginbfchar\n([\s\S]*?)\nendbfchar/g)].flatMap((m) =>
        [...m[1]!.matchAll(/<([0-9A-F]{4})> <([0-9A-F]+)>/g)].map((e) => [e[1]!, e[2]!] as const),
      );
      for (const [cidHex, utf16] of mappings) {
        const text = Buffer.from(utf16!, 'hex').swap16().toString('utf16le');
        const resolved = chain.resolve(text)!;
        expect(resolved.face).toBe(faceIndex);
        const glyph = subset.getGlyph(Number.parseInt(cidHex!, 16));
        expect(glyph.path.toSVG()).toBe(source.getGlyph(resolved.glyphId).path.toSVG());
        seen.set(text, glyph.path.toSVG());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    // Variation sequences drew their own glyph, not the base character's.
    expect(seen.get(IVS_KATSU)).toBeDefined();
    expect(seen.get(IVS_KATSU)).not.toBe(
      sources.get('NotoSerifJP-Regular')!.glyphForCodePoint(0x845b).path.toSVG(),
    );
    if (hasIpamj) {
      expect(seen.get(MJ_TSUJI)).toBeDefined();
      expect(seen.get(MJ_TSUJI)).not.toBe(
        seen.get('辻') ?? sources.get('IPAmjMincho')!.glyphForCodePoint(0x8fbb).path.toSVG(),
      );
    }
    expect(seen.has('𠮷')).toBe(true);
  });

  it('gives a character and its variation sequence separate CIDs even when they share the glyph', async () => {
    // IPAmj maps 辻 U+E0103 to the glyph of the plain 辻; Noto registers 一 U+E0100 as the default glyph.
    const [plain, sequence, fonts] = hasIpamj
      ? ['辻', '辻\u{E0103}', defaultFontChain()]
      : ['一', '一\u{E0100}', bundledFontChain()];
    const chain = fonts;
    expect(chain.resolve(sequence)!.glyphId).toBe(chain.resolve(plain)!.glyphId);
    const doc = sampleJuminhyo(2);
    doc.members[0]!.name.family = `${plain}本`;
    doc.members[1]!.name.family = `${sequence}本`;
    const { text } = await render(doc, fonts);
    expect(text).toContain(`${plain}本`);
    expect(text).toContain(`${sequence}本`);
    expect(text.split(`${sequence}本`).length - 1).toBe(1);
  });
});
