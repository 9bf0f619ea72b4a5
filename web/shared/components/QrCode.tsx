import { create } from 'qrcode';
import { useMemo } from 'react';
import { cx } from './classes';

export interface QrCodeProps {
  /** What the code encodes (an otpauth:// URI, a URL). */
  value: string;
  /** What the image is, for screen readers ("認証アプリ登録用のQRコード"). */
  label: string;
  /** The drawn size in CSS pixels (the code scales crisply: it is one SVG path). */
  size?: number;
  className?: string;
}

/** One path of unit squares, row by row, joining runs of dark modules into one rectangle. */
export function qrPath(modules: { size: number; get(row: number, col: number): number | boolean }): string {
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      parts.push(`M${start} ${row}h${col - start}v1h${start - col}z`);
    }
  }
  return parts.join('');
}

/**
 * A QR code drawn as inline SVG in the page: no data: URL or canvas, so the
 * strict content security policy has nothing to object to, and it prints
 * sharp. The quiet zone (4 modules) is part of the image, as scanners need it.
 */
export function QrCode({ value, label, size = 200, className }: QrCodeProps) {
  const { path, extent } = useMemo(() => {
    const code = create(value, { errorCorrectionLevel: 'M' });
    return { path: qrPath(code.modules), extent: code.modules.size + 8 };
  }, [value]);
  return (
    <svg
      className={cx('mg-qr', className)}
      role="img"
      aria-label={label}
      viewBox={`-4 -4 ${extent} ${extent}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
    >
      <rect x={-4} y={-4} width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
