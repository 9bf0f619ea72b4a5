/**
 * CertificateDocument → PDF. The result is deterministic: the same document
 * gives the same bytes (no clock, no randomness; dates and the document /ID come
 * from the issue data, streams are compressed by pako, a pure-JavaScript
 * deflate whose output does not depend on the machine; see deflate.ts). The pdf-lib document is
 * returned unsaved so the signer can add its signature field before saving.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString, PDFName, type PDFRef } from 'pdf-lib';
import { AppError } from '../shared/errors.js';
import { checkDocument } from './check-document.js';
import { deflatedStream } from './deflate.js';
import { chosenFont, defaultFontChain, type FontChain, type FontChoice } from './fonts.js';
import type { IssueNumberStamp } from './issue-number-stamp.js';
import { layoutCertificate, type PlacedImage } from './layouts/index.js';
import { type CertificateDocument, type CertificateHeader, sealText, TITLES } from './model.js';
import {
  type ComposedPages,
  composePages,
  GUILLOCHE_INSET,
  PAGE_HEIGHT,
  PAGE_WIDTH,
  SEAL_SIZE,
} from './page.js';
import { DocumentFonts } from './pdf-fonts.js';
import { SEAL_GSTATE, SEAL_XOBJECT, sealContent } from './seal.js';
import {
  guillochePatterns,
  LATENT_DOTS,
  LATENT_XOBJECT,
  latentDotsPattern,
  latentWordContent,
  microTextPattern,
  type TilingPattern,
} from './security-print.js';
import { Typesetter } from './text.js';

export interface RenderOptions {
  /** The fonts to print with; the process-wide chain (IPAmj明朝, then the bundled font) by default. */
  fonts?: FontChain;
}

export interface RenderedCertificate {
  /** Not yet saved: save with `useObjectStreams: false` (or let the signer do it). */
  pdf: PDFDocument;
  pages: number;
  /** Where the issue number is, to write another one into the saved bytes. */
  issueNumber: IssueNumberStamp;
}

const PRODUCER = 'madoguchi certificate renderer';

export async function renderCertificate(
  doc: CertificateDocument,
  options: RenderOptions = {},
): Promise<RenderedCertificate> {
  const chain = options.fonts ?? defaultFontChain();
  checkDocument(doc, chain);
  const ts = new Typesetter(chain);
  const fonts = new DocumentFonts(chain);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const _context = pdf.context;

  const xObjects: Record<string, PDFRef> = {};
  let impression: PlacedImage | undefined;
  if (doc.kind === 'inkan') {
    const png = decodePng(doc.impression.pngBase64);
    const image = await pdf.embedPng(png.bytes);
    xObjects.Im0 = image.ref;
    impression = { name: 'Im0', width: png.width, height: png.height };
  }

  const layout = layoutCertificate(ts, doc, impression);
  const composed = composePages(layout, doc, { ts, fonts });

  const resources = registerCertificateResources(pdf, chain, fonts, doc, xObjects);
  addCertificatePages(pdf, resources, composed);

  setMetadata(pdf, doc);
  return { pdf, pages: composed.contents.length, issueNumber: composed.issueNumber };
}

/**
 * The resources every certificate page draws with: its fonts (embed after the
 * pages are composed), the security background's patterns, the latent 「複写」
 * and the municipality's seal, plus the caller's own XObjects (an 印影).
 * Streams shared by many certificates come from the process-wide cache.
 */
export function registerCertificateResources(
  pdf: PDFDocument,
  chain: FontChain,
  fonts: DocumentFonts,
  doc: CertificateHeader,
  extraXObjects: Record<string, PDFRef> = {},
): PDFRef {
  const context = pdf.context;
  const xObjects: Record<string, PDFRef> = { ...extraXObjects };
  const patterns: Record<string, PDFRef> = {};
  const cache = cacheFor(chain);
  const micro = `micro\0${doc.municipality.name}`;
  for (const pattern of [
    cache.patterns.get(micro) ??
      remember(cache.patterns, micro, microTextPattern(chain, doc.municipality.name)),
    ...GUILLOCHE,
  ]) {
    patterns[pattern.name] = registerPattern(pdf, cache, pattern);
  }
  const dots = registerPattern(pdf, cache, LATENT_DOTS_PATTERN);
  xObjects[LATENT_XOBJECT] = registerStream(
    pdf,
    cache,
    'latent',
    () => latentWordContent(chain, PAGE_WIDTH, PAGE_HEIGHT),
    {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, PAGE_WIDTH, PAGE_HEIGHT],
      Resources: { Pattern: { [LATENT_DOTS]: dots } },
    },
  );
  const seal = sealText(doc);
  xObjects[SEAL_XOBJECT] = registerStream(
    pdf,
    cache,
    `seal\0${seal}`,
    () => sealContent(chain, seal, SEAL_SIZE),
    {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [-SEAL_SIZE / 2, -SEAL_SIZE / 2, SEAL_SIZE / 2, SEAL_SIZE / 2],
      Resources: { ExtGState: { [SEAL_GSTATE]: SEAL_MULTIPLY } },
    },
  );
  const resources = context.register(
    context.obj({
      Font: Object.fromEntries(fonts.embed(pdf)),
      Pattern: patterns,
      XObject: xObjects,
    }),
  );
  return resources;
}

/** Adds the composed pages: each draws its compressed content, then the issue number's stream, stored. */
export function addCertificatePages(pdf: PDFDocument, resources: PDFRef, composed: ComposedPages): void {
  const context = pdf.context;
  for (const content of composed.contents) {
    const page = pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    page.node.set(PDFName.of('Resources'), resources);
    page.node.set(
      PDFName.of('Contents'),
      context.obj([
        context.register(deflatedStream(context, content)),
        context.register(context.stream(composed.issueNumber.operators)),
      ]),
    );
  }
}

/** Renders and saves: the bytes of an unsigned certificate. */
export async function renderCertificateBytes(
  doc: CertificateDocument,
  options: RenderOptions = {},
): Promise<{ bytes: Uint8Array; pages: number }> {
  const { pdf, pages } = await renderCertificate(doc, options);
  return { bytes: await pdf.save({ useObjectStreams: false }), pages };
}

/** The font certificates are printed with (for `madoguchi doctor`). */
export function certificateFont(): FontChoice {
  return chosenFont();
}

const SEAL_MULTIPLY = { Type: 'ExtGState', BM: 'Multiply', ca: 0.92, CA: 0.92 };
const GUILLOCHE = guillochePatterns(PAGE_WIDTH, PAGE_HEIGHT, GUILLOCHE_INSET);
const LATENT_DOTS_PATTERN = latentDotsPattern();

/**
 * Streams that are the same in many certificates (the background patterns, the
 * seal of a municipality) are compressed once per process and font chain: pako
 * is deterministic, so the cached bytes are the bytes a fresh compression would give.
 */
interface StreamCache {
  compressed: Map<string, Uint8Array>;
  patterns: Map<string, TilingPattern>;
}

const caches = new WeakMap<FontChain, StreamCache>();
/** Enough for every municipality of a national deployment; beyond that the cache starts over. */
const CACHE_LIMIT = 4096;

function cacheFor(chain: FontChain): StreamCache {
  let cache = caches.get(chain);
  if (!cache) {
    cache = { compressed: new Map(), patterns: new Map() };
    caches.set(chain, cache);
  }
  return cache;
}

function remember<T>(map: Map<string, T>, key: string, value: T): T {
  if (map.size >= CACHE_LIMIT) map.clear();
  map.set(key, value);
  return value;
}

function registerStream(
  pdf: PDFDocument,
  cache: StreamCache,
  key: string,
  content: () => string,
  dict: Record<string, unknown>,
): PDFRef {
  const context = pdf.context;
  const bytes =
    cache.compressed.get(key) ?? remember(cache.compressed, key, context.flateStream(content()).contents);
  return context.register(
    context.stream(bytes, { ...dict, Filter: 'FlateDecode' } as Parameters<typeof context.stream>[1]),
  );
}

function registerPattern(pdf: PDFDocument, cache: StreamCache, pattern: TilingPattern): PDFRef {
  return registerStream(pdf, cache, `pattern\0${pattern.name}\0${pattern.content}`, () => pattern.content, {
    Type: 'Pattern',
    PatternType: 1,
    PaintType: 1,
    TilingType: 1,
    BBox: pattern.bbox,
    XStep: pattern.xStep,
    YStep: pattern.yStep,
    Matrix: pattern.matrix,
    Resources: {},
  });
}

function setMetadata(pdf: PDFDocument, doc: CertificateDocument): void {
  const issued = doc.issuedAt ? new Date(doc.issuedAt) : new Date(`${doc.issuedOn}T00:00:00+09:00`);
  if (Number.isNaN(issued.getTime())) {
    throw new AppError(
      'invalid',
      'invalid_certificate_document',
      { ja: '発行日時が正しくありません。', en: 'issuedAt is not a date-time.' },
      { details: [{ at: 'issuedAt', ja: '発行日時が正しくありません。', en: 'not a date-time' }] },
    );
  }
  // No personal data in the metadata: it is shown by viewers and indexed by search tools.
  // Nor the issue number: it is stamped into the page after rendering (issue-number-stamp.ts).
  pdf.setTitle(`${TITLES[doc.kind]}（${doc.municipality.name}）`);
  pdf.setAuthor(doc.municipality.name);
  pdf.setCreator('madoguchi');
  pdf.setProducer(PRODUCER);
  pdf.setCreationDate(issued);
  pdf.setModificationDate(issued);
  pdf.setLanguage('ja-JP');
  const id = createHash('sha256')
    .update(`${doc.municipality.code}\0${doc.verification.code}\0${doc.issuedOn}`)
    .digest('hex')
    .slice(0, 32)
    .toUpperCase();
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function decodePng(base64: string): { bytes: Uint8Array; width: number; height: number } {
  const bytes = Buffer.from(base64, 'base64');
  const isPng = bytes.length > 24 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
  if (!isPng) {
    throw new AppError(
      'invalid',
      'invalid_certificate_document',
      { ja: '印影の画像がPNGではありません。', en: 'The seal impression is not a PNG image.' },
      { details: [{ at: 'impression.pngBase64', ja: 'PNGではありません。', en: 'not a PNG' }] },
    );
  }
  // IHDR is always the first chunk: width and height follow its type.
  return { bytes, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
