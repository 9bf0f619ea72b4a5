import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes the PDF to a temporary file and returns its path. */
export function pdfFile(pdf: Uint8Array, name = 'certificate.pdf'): string {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-pdf-'));
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

/** poppler's pdfsig output (it exits non-zero for untrusted roots, which is expected for the demo CA). */
export function pdfsig(file: string): string {
  const result = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
}

export function pdftotext(file: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

export function pdffonts(file: string): FontRow[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  const lines = out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type [encoding…] emb sub uni object ID
    const [emb, sub] = cols.slice(-5, -3);
    return { name: cols[0]!, type: cols[1]!, embedded: emb === 'yes', subset: sub === 'yes' };
  });
}

/** Renders page 1 and reads every QR code on it with zbarimg. */
export function qrCodesOnFirstPage(file: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-qr-'));
  execFileSync('pdftoppm', ['-r', '200', '-f', '1', '-l', '1', '-png', file, join(dir, 'page')]);
  const png = readdirSync(dir).find((f) => f.endsWith('.png'));
  if (!png) return [];
  const result = spawnSync('zbarimg', ['--quiet', '--raw', join(dir, png)], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean);
}
