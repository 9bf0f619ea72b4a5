/** poppler-utils and QR decoding for render tests: the tools a reader of the PDF would use. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS with a `default` export; under NodeNext the default import is the whole module.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ??
  jsQRModule) as unknown as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

export interface PdfOnDisk {
  file: string;
  dispose(): void;
}

export function writePdf(bytes: Uint8Array): PdfOnDisk {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-render-test-'));
  const file = join(dir, 'certificate.pdf');
  writeFileSync(file, bytes);
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export function pdffonts(file: string): PdfFont[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      const [emb, sub, uni] = cols.slice(-5, -2);
      return {
        name: cols[0]!,
        type: cols[1]!,
        embedded: emb === 'yes',
        subset: sub === 'yes',
        unicode: uni === 'yes',
      };
    });
}

/** Text of the whole document or of one page, in reading order (no -layout: words come out whole). */
export function pdftotext(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', [...range, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

export function pdfPageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** Renders one page at `dpi` and decodes the QR code on it, if any. */
export function decodeQrOnPage(file: string, page: number, dpi = 100): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-render-png-'));
  try {
    execFileSync('pdftoppm', [
      '-r',
      String(dpi),
      '-png',
      '-f',
      String(page),
      '-l',
      String(page),
      file,
      join(dir, 'p'),
    ]);
    const png = PNG.sync.read(readFileSync(join(dir, readdirSync(dir)[0]!)));
    const code = jsQR(
      new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
      png.width,
      png.height,
    );
    return code?.data;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
