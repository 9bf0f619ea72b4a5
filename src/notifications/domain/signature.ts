/**
 * The resident's signature on the counter tablet: the strokes of a finger, each
 * an array of points with the milliseconds since the first touch. Kept as drawn
 * (not as an image) with the notification: stroke order and timing are what
 * tell a signature apart from a copy. Coordinates are integer pixels of the
 * signing area, so the sealed JSON reads back exactly.
 */
import { z } from 'zod';

export const MAX_STROKES = 200;
export const MAX_POINTS = 20_000;

const pointSchema = z.strictObject({
  x: z.int().min(0).max(10_000),
  y: z.int().min(0).max(10_000),
  /** Milliseconds since the first point of the signature. */
  t: z.int().min(0).max(600_000),
});

export const signatureSchema = z
  .strictObject({
    /** The signing area in pixels. */
    width: z.int().min(50).max(10_000),
    height: z.int().min(20).max(10_000),
    strokes: z
      .array(z.strictObject({ points: z.array(pointSchema).min(1).max(MAX_POINTS) }))
      .max(MAX_STROKES)
      .refine((strokes) => strokes.length > 0, {
        message: 'no strokes',
        params: { ja: '署名がありません。' },
      }),
  })
  .superRefine((signature, ctx) => {
    let total = 0;
    let last = -1;
    for (const [i, stroke] of signature.strokes.entries()) {
      total += stroke.points.length;
      for (const point of stroke.points) {
        if (point.x > signature.width || point.y > signature.height) {
          ctx.addIssue({
            code: 'custom',
            path: ['strokes', i],
            message: 'a point lies outside the signing area',
            params: { ja: '署名欄の外の点があります。' },
          });
          return;
        }
        if (point.t < last) {
          ctx.addIssue({
            code: 'custom',
            path: ['strokes', i],
            message: 'times go backwards',
            params: { ja: '署名の時刻の順序が正しくありません。' },
          });
          return;
        }
        last = point.t;
      }
    }
    if (total > MAX_POINTS)
      ctx.addIssue({ code: 'custom', message: 'too many points', params: { ja: '署名の点が多すぎます。' } });
    if (total < 3)
      ctx.addIssue({
        code: 'custom',
        message: 'too short to be a signature',
        params: { ja: '署名が短すぎます。もう一度書いてください。' },
      });
  });

export type Signature = z.infer<typeof signatureSchema>;

/** Stored with the notification: strokes from the tablet, or a signature on the paper form. */
export type StoredSignature = ({ kind: 'strokes' } & Signature) | { kind: 'paper' };

/** The bounding box and length of a signature, for showing it back to the clerk. */
export function signatureSummary(signature: Signature): {
  strokes: number;
  points: number;
  durationMs: number;
} {
  const points = signature.strokes.reduce((n, s) => n + s.points.length, 0);
  const times = signature.strokes.flatMap((s) => s.points.map((p) => p.t));
  return { strokes: signature.strokes.length, points, durationMs: Math.max(...times) - Math.min(...times) };
}
