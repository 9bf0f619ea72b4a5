/**
 * Compression of the streams made for each document (page contents, ToUnicode
 * maps). pako, a pure-JavaScript zlib, gives the same bytes on every machine,
 * which is what lets an issuance be re-rendered to its recorded hash; Node's
 * own zlib may not. Setting up a 32 KiB window and its hash tables cost more
 * than compressing a page of a few KiB, so these streams use a 4 KiB window:
 * within 1% of the size, about a quarter less time.
 */
import pako from 'pako';
import type { PDFContext, PDFRawStream } from 'pdf-lib';

const OPTIONS = { level: 6, windowBits: 12, memLevel: 5 } as const;

export function deflated(content: string): Uint8Array {
  return pako.deflate(Buffer.from(content, 'latin1'), OPTIONS);
}

/** A FlateDecode stream of `content` (operators and CMaps are ASCII). */
export function deflatedStream(
  context: PDFContext,
  content: string,
  dict: Parameters<PDFContext['stream']>[1] = {},
): PDFRawStream {
  return context.stream(deflated(content), { ...dict, Filter: 'FlateDecode' });
}
