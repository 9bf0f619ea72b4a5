import { crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { checkPng } from './png.js';

function samplePng(width = 5, height = 3, interlace = false): Uint8Array {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([200, 16, 46, i % 255], i);
  const bytes = new Uint8Array(PNG.sync.write(png, { interlace } as never));
  return bytes;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

function handMadePng(options: { width: number; height: number; interlace: number; raw: Uint8Array }) {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, options.width);
  v.setUint32(4, options.height);
  ihdr.set([8, 0, 0, 0, options.interlace], 8); // 8-bit greyscale
  return concat(
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(options.raw)),
    chunk('IEND', new Uint8Array()),
  );
}

describe('checkPng', () => {
  it('accepts PNGs written by an encoder', () => {
    expect(checkPng(samplePng())).toBeNull();
    expect(checkPng(samplePng(160, 160))).toBeNull();
  });

  it('accepts an Adam7-interlaced image whose data has the seven passes’ size', () => {
    // 3×3 greyscale, rows of (1 filter byte + width): pass 1 is 1×1, passes 2 and 3 are
    // empty, pass 4 is 1×1, pass 5 is 2×1, pass 6 is 1×2, pass 7 is 3×1.
    const raw = new Uint8Array(2 + 2 + 3 + 2 * 2 + 4);
    expect(checkPng(handMadePng({ width: 3, height: 3, interlace: 1, raw }))).toBeNull();
    expect(checkPng(handMadePng({ width: 3, height: 3, interlace: 1, raw: raw.subarray(1) }))).not.toBeNull();
  });

  it('rejects what is not a whole, readable PNG', () => {
    const good = samplePng();
    const flipped = good.slice();
    flipped[18] = flipped[18]! ^ 0xff; // the IHDR width: its CRC no longer matches
    expect(checkPng(flipped)?.en).toMatch(/CRC/);
    expect(checkPng(good.subarray(0, good.length - 6))?.en).toMatch(/cut short|no IEND/);
    expect(checkPng(concat(good, new Uint8Array([0])))?.en).toMatch(/data after IEND/);
    expect(checkPng(new TextEncoder().encode('GIF89a…'))?.en).toMatch(/no PNG signature/);
    expect(checkPng(new Uint8Array())?.en).toMatch(/no PNG signature/);
    expect(checkPng(handMadePng({ width: 2, height: 2, interlace: 0, raw: new Uint8Array(5) }))?.en).toMatch(
      /wrong size/,
    );
    expect(checkPng(handMadePng({ width: 2, height: 2, interlace: 0, raw: new Uint8Array(6) }))).toBeNull();
  });
});
