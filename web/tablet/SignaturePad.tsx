import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef } from 'react';
import type { SignatureStrokes } from '../shared/moving/api';

export interface SignaturePadHandle {
  clear(): void;
}

interface Props {
  /** What the pad is, for screen readers (it is drawn on, not typed into). */
  label: string;
  describedBy?: string;
  onChange: (signature: SignatureStrokes | undefined) => void;
}

type Point = { x: number; y: number; t: number };

/**
 * A finger (or pen, or mouse) signature on a canvas, with pointer events.
 * What is kept is the strokes as drawn — integer points of the signing area
 * with the milliseconds since the first touch — because the server keeps the
 * signature as strokes (order and timing tell a signature from a copy). The
 * drawing itself is only feedback.
 */
export const SignaturePad = forwardRef<SignaturePadHandle, Props>(function SignaturePad(
  { label, describedBy, onChange },
  ref,
) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Point[][]>([]);
  const drawing = useRef<{ pointerId: number; stroke: Point[] } | undefined>(undefined);
  const started = useRef<number | undefined>(undefined);
  const size = useRef({ width: 0, height: 0 });

  const redraw = useCallback(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    const ratio = window.devicePixelRatio || 1;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, size.current.width, size.current.height);
    // The baseline people sign on.
    context.strokeStyle = '#767676';
    context.lineWidth = 1;
    context.beginPath();
    context.moveTo(16, size.current.height - 40);
    context.lineTo(size.current.width - 16, size.current.height - 40);
    context.stroke();
    context.strokeStyle = '#1a1a1c';
    context.lineWidth = 3;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    for (const stroke of strokes.current) {
      const [first, ...rest] = stroke;
      if (!first) continue;
      context.beginPath();
      context.moveTo(first.x, first.y);
      if (rest.length === 0) context.lineTo(first.x + 0.1, first.y + 0.1);
      for (const point of rest) context.lineTo(point.x, point.y);
      context.stroke();
    }
  }, []);

  // The canvas keeps its CSS size; its backing store follows it (and the screen's pixel ratio).
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const resize = () => {
      const box = element.getBoundingClientRect();
      const ratio = window.devicePixelRatio || 1;
      size.current = { width: Math.round(box.width), height: Math.round(box.height) };
      element.width = Math.round(box.width * ratio);
      element.height = Math.round(box.height * ratio);
      redraw();
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(element);
    return () => observer.disconnect();
  }, [redraw]);

  const report = useCallback(() => {
    const drawn = strokes.current.filter((stroke) => stroke.length > 0);
    if (drawn.length === 0) {
      onChange(undefined);
      return;
    }
    onChange({
      width: size.current.width,
      height: size.current.height,
      strokes: drawn.map((points) => ({ points: points.map((p) => ({ ...p })) })),
    });
  }, [onChange]);

  useImperativeHandle(
    ref,
    () => ({
      clear() {
        strokes.current = [];
        drawing.current = undefined;
        started.current = undefined;
        redraw();
        report();
      },
    }),
    [redraw, report],
  );

  const pointOf = (event: React.PointerEvent<HTMLCanvasElement>): Point => {
    const box = event.currentTarget.getBoundingClientRect();
    const now = performance.now();
    if (started.current === undefined) started.current = now;
    const clamp = (value: number, max: number) => Math.min(max, Math.max(0, Math.round(value)));
    const last = strokes.current.at(-1)?.at(-1);
    return {
      x: clamp(event.clientX - box.left, size.current.width),
      y: clamp(event.clientY - box.top, size.current.height),
      // Never backwards, whatever the event timestamps do.
      t: Math.max(last?.t ?? 0, Math.round(now - started.current)),
    };
  };

  return (
    <canvas
      ref={canvas}
      className="tablet-signature__pad"
      role="img"
      aria-label={label}
      aria-describedby={describedBy}
      onPointerDown={(event) => {
        if (drawing.current) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        const stroke = [pointOf(event)];
        strokes.current.push(stroke);
        drawing.current = { pointerId: event.pointerId, stroke };
        redraw();
      }}
      onPointerMove={(event) => {
        const current = drawing.current;
        if (!current || current.pointerId !== event.pointerId) return;
        const point = pointOf(event);
        const last = current.stroke.at(-1);
        if (last && last.x === point.x && last.y === point.y) return;
        current.stroke.push(point);
        redraw();
      }}
      onPointerUp={(event) => {
        if (drawing.current?.pointerId !== event.pointerId) return;
        drawing.current = undefined;
        report();
      }}
      onPointerCancel={() => {
        // A cancelled touch (a palm, a system gesture) drops its stroke.
        if (drawing.current) strokes.current = strokes.current.filter((s) => s !== drawing.current?.stroke);
        drawing.current = undefined;
        redraw();
        report();
      }}
    />
  );
});
