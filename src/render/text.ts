/**
 * Text as the renderer sees it: a sequence of clusters, each one character plus,
 * when present, its variation selector (葛 + U+E0100 is one cluster, 𠮷 is one
 * cluster of two UTF-16 units). Clusters are what is measured, wrapped, mapped to
 * a glyph and mapped back to text, so a line break or a font switch can never
 * separate a character from its selector.
 */
import { AppError } from '../shared/errors.js';
import type { FontChain } from './fonts.js';

export function isVariationSelector(codePoint: number): boolean {
  return (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || (codePoint >= 0xe0100 && codePoint <= 0xe01ef);
}

export function clusters(text: string): string[] {
  const out: string[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (
      isVariationSelector(cp) &&
      out.length > 0 &&
      !isVariationSelector(out[out.length - 1]!.codePointAt(0)!)
    ) {
      const last = out[out.length - 1]!;
      // Only one selector per character.
      if (last.length === [...last][0]!.length) {
        out[out.length - 1] = last + char;
        continue;
      }
    }
    out.push(char);
  }
  return out;
}

export function codePointLabel(cluster: string): string {
  return [...cluster]
    .map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)
    .join(' ');
}

/** The first cluster no font of the chain can show, if any. Line breaks are layout, not characters. */
export function firstUnprintable(text: string, chain: FontChain): string | undefined {
  for (const cluster of clusters(text)) {
    if (cluster === '\n') continue;
    if (!chain.resolve(cluster)) return cluster;
  }
  return undefined;
}

export interface UnprintableWhere {
  /** JSON path into the document, e.g. members[2].name.family */
  path: string;
  /** The same in words for people: 3人目の氏名（氏） */
  ja: string;
  en: string;
}

export function unprintableCharacter(cluster: string, where: UnprintableWhere): AppError {
  const code = codePointLabel(cluster);
  return new AppError(
    'unprocessable',
    'unprintable_character',
    {
      ja: `${where.ja}に印字できない文字（${code}）があります。`,
      en: `${where.en} contains a character that cannot be printed (${code}).`,
    },
    {
      details: [{ at: where.path, ja: `${where.ja}: ${code}`, en: `${where.en}: ${code}` }],
      extra: { field: where.path, codePoint: code },
    },
  );
}

/** Measures and breaks text with the glyph advances of the chain. */
export class Typesetter {
  constructor(readonly chain: FontChain) {}

  /** Width in points at `size`, plus `charSpacing` after every cluster but the last. */
  width(text: string, size: number, charSpacing = 0): number {
    let units = 0;
    let count = 0;
    for (const cluster of clusters(text)) {
      units += this.chain.resolve(cluster)?.width ?? 0;
      count++;
    }
    return (units * size) / 1000 + Math.max(0, count - 1) * charSpacing;
  }

  /** The largest size ≤ `size` (down to `min`) at which the text fits `maxWidth` on one line. */
  fit(text: string, size: number, maxWidth: number, min = 5): number {
    const w = this.width(text, size);
    if (w <= maxWidth) return size;
    return Math.max(min, Math.floor(((size * maxWidth) / w) * 10) / 10);
  }

  /**
   * Breaks text into lines no wider than `maxWidth`. Japanese breaks between any two
   * characters except before closing punctuation and after opening brackets (禁則);
   * runs of alphabet and digits stay together when they fit on a line.
   */
  wrap(text: string, size: number, maxWidth: number): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      const cs = clusters(paragraph);
      let line: string[] = [];
      let lineWidth = 0;
      for (let i = 0; i < cs.length; i++) {
        const cluster = cs[i]!;
        const w = ((this.chain.resolve(cluster)?.width ?? 0) * size) / 1000;
        if (lineWidth + w > maxWidth + 0.01 && line.length > 0) {
          let breakAt = line.length;
          // Never start a line with closing punctuation: carry the last character along.
          if (NO_LINE_START.has(cluster) && breakAt > 1) breakAt--;
          // Never end a line with an opening bracket.
          while (breakAt > 1 && NO_LINE_END.has(line[breakAt - 1]!)) breakAt--;
          // Keep a word of alphabet/digits whole when it can fit on its own line.
          if (isWordChar(cluster)) {
            let start = breakAt;
            while (start > 0 && isWordChar(line[start - 1]!)) start--;
            if (start > 0) breakAt = start;
          }
          lines.push(line.slice(0, breakAt).join('').trimEnd());
          line = line.slice(breakAt);
          while (line.length > 0 && line[0] === ' ') line.shift();
          lineWidth = this.width(line.join(''), size);
        }
        line.push(cluster);
        lineWidth += w;
      }
      lines.push(line.join(''));
    }
    return lines;
  }
}

const NO_LINE_START = new Set([
  ...'、。，．・：；？！）」』】〕｝〉》ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.)]}:;',
]);
const NO_LINE_END = new Set([...'（「『【〔｛〈《([{']);

function isWordChar(cluster: string): boolean {
  return /^[0-9A-Za-z\-_./:@%?=&#+~]$/.test(cluster);
}
