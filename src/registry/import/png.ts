import { crc32, inflateSync } from 'node:zlib';
import type { Reason } from './fields.js';

/**
 * Checks that bytes are one whole, readable PNG before they become a 印影
 * printed on certificates: signature, chunk lengths and CRCs, a valid IHDR
 * first, IDAT data that inflates to exactly the size the header promises, and
 * IEND last with nothing after it. Returns why not, or null when it is fine.
 */

export const MAX_SEAL_PNG_BYTES = 2 * 1024 * 1024;
const MAX_SIDE = 4000;
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

// Allowed bit depths per colour type (PNG spec, table 11.1) and samples per pixel.
const COLOUR_TYPES: Record<number, { depths: number[]; samples: number }> = {
  0: { depths: [1, 2, 4, 8, 16], samples: 1 },
  2: { depths: [8, 16], samples: 3 },
  3: { depths: [1, 2, 4, 8], samples: 1 },
  4: { depths: [8, 16], samples: 2 },
  6: { depths: [8, 16], samples: 4 },
};

const bad = (ja: string, en: string): Reason => ({
  ja: `PNG として正しくありません（${ja}）。`,
  en: `not a valid PNG (${en}).`,
});

export function checkPng(bytes: Uint8Array): Reason | null {
  if (bytes.length > MAX_SEAL_PNG_BYTES) {
    return { ja: '印影の画像が 2MB を超えています。', en: 'the seal image is larger than 2 MB.' };
  }
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b))
    return bad('先頭の署名がありません', 'no PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  let header: { width: number; height: number; depth: number; colour: number; interlace: number } | null =
    null;
  const idat: Uint8Array[] = [];
  let ended = false;
  let hasPalette = false;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) return bad('チャンクが途中で切れています', 'a chunk is cut short');
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) return bad('チャンクの種類が読めません', 'unreadable chunk type');
    if (length > bytes.length - at - 12) return bad('チャンクが途中で切れています', 'a chunk is cut short');
    const data = bytes.subarray(at + 8, at + 8 + length);
    const stored = view.getUint32(at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== stored) {
      return bad(`${type} チャンクの CRC が一致しません`, `the CRC of the ${type} chunk does not match`);
    }
    if (header === null && type !== 'IHDR')
      return bad('IHDR が先頭にありません', 'IHDR is not the first chunk');
    if (type === 'IHDR') {
      if (header !== null || length !== 13) return bad('IHDR が不正です', 'bad IHDR');
      const d = new DataView(data.buffer, data.byteOffset, data.byteLength);
      header = {
        width: d.getUint32(0),
        height: d.getUint32(4),
        depth: data[8]!,
        colour: data[9]!,
        interlace: data[12]!,
      };
      const kind = COLOUR_TYPES[header.colour];
      if (!kind?.depths.includes(header.depth) || data[10] !== 0 || data[11] !== 0 || header.interlace > 1) {
        return bad('IHDR の形式が不正です', 'unsupported IHDR fields');
      }
      if (header.width < 1 || header.height < 1 || header.width > MAX_SIDE || header.height > MAX_SIDE) {
        return bad(`縦横は1〜${MAX_SIDE}ピクセルです`, `width and height must be 1 to ${MAX_SIDE} pixels`);
      }
    } else if (type === 'PLTE') {
      hasPalette = true;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      ended = true;
      at += 12 + length;
      break;
    }
    at += 12 + length;
  }
  if (!header) return bad('IHDR がありません', 'no IHDR');
  if (!ended) return bad('IEND がありません', 'no IEND');
  if (at !== bytes.length) return bad('IEND の後にデータがあります', 'data after IEND');
  if (idat.length === 0) return bad('画像データ（IDAT）がありません', 'no image data (IDAT)');
  if (header.colour === 3 && !hasPalette)
    return bad('パレットがありません', 'no palette for an indexed image');

  const expected = rawImageSize(header);
  let inflated: Buffer;
  try {
    // maxOutputLength stops a compression bomb at the size the header allows.
    inflated = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
  } catch {
    return bad('画像データを展開できません', 'the image data does not inflate');
  }
  if (inflated.length !== expected)
    return bad('画像データの大きさが合いません', 'the image data has the wrong size');
  return null;
}

/** Bytes of the filtered image: per scanline one filter byte plus the packed pixels; Adam7 has seven passes. */
function rawImageSize(h: {
  width: number;
  height: number;
  depth: number;
  colour: number;
  interlace: number;
}) {
  const bitsPerPixel = h.depth * COLOUR_TYPES[h.colour]!.samples;
  const lineBytes = (width: number) => (width === 0 ? 0 : 1 + Math.ceil((width * bitsPerPixel) / 8));
  if (h.interlace === 0) return h.height * lineBytes(h.width);
  const passes: [number, number, number, number][] = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ];
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((h.width - x0) / dx);
    const rows = Math.ceil((h.height - y0) / dy);
    if (w > 0 && rows > 0) total += rows * lineBytes(w);
  }
  return total;
}
