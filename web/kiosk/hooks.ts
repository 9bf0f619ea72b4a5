import { useEffect, useRef, useState } from 'react';

/**
 * Calls `tick` every `intervalMs` while `active`, one call at a time (a slow
 * answer is never overtaken by the next poll). The devices report through the
 * agent; polling keeps the screen free of open connections a kiosk would
 * have to watch over.
 */
export function usePolling(tick: () => Promise<void> | void, intervalMs: number, active: boolean): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        await latest.current();
      } catch {
        // The next tick tries again; the step shows its own errors.
      }
      if (!stopped) timer = setTimeout(run, intervalMs);
    };
    void run();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [active, intervalMs]);
}

export interface InactivityOptions {
  active: boolean;
  idleMs: number;
  warningMs: number;
  /** Called when the person touches the screen (throttled), so the agent knows someone is there. */
  onActivity: () => void;
  onTimeout: () => void;
}

// `input` too: a handwriting pad or an on-screen input method may type without a key event.
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

/**
 * The kiosk's inactivity timer: after `idleMs - warningMs` without a touch it
 * returns the seconds left (the screen shows a warning); at `idleMs` it calls
 * `onTimeout`. Any touch starts it again. `keepAlive()` does the same for
 * events that are not touches (cash inserted through the slot).
 */
export function useInactivity(options: InactivityOptions): {
  secondsLeft: number | null;
  keepAlive: () => void;
} {
  const { active, idleMs, warningMs } = options;
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const lastActivity = useRef(Date.now());
  const lastReported = useRef(0);
  const callbacks = useRef(options);
  callbacks.current = options;

  const keepAlive = useRef(() => {
    lastActivity.current = Date.now();
    setSecondsLeft(null);
    if (Date.now() - lastReported.current > 10_000) {
      lastReported.current = Date.now();
      callbacks.current.onActivity();
    }
  }).current;

  useEffect(() => {
    if (!active) {
      setSecondsLeft(null);
      return;
    }
    lastActivity.current = Date.now();
    for (const type of ACTIVITY_EVENTS) document.addEventListener(type, keepAlive, { capture: true });
    let fired = false;
    const timer = setInterval(() => {
      const idle = Date.now() - lastActivity.current;
      if (idle >= idleMs) {
        if (!fired) {
          fired = true;
          setSecondsLeft(null);
          callbacks.current.onTimeout();
        }
        return;
      }
      setSecondsLeft(idle >= idleMs - warningMs ? Math.ceil((idleMs - idle) / 1000) : null);
    }, 250);
    return () => {
      clearInterval(timer);
      for (const type of ACTIVITY_EVENTS) document.removeEventListener(type, keepAlive, { capture: true });
    };
  }, [active, idleMs, warningMs, keepAlive]);

  return { secondsLeft, keepAlive };
}
