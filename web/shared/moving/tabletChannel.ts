/**
 * The counter terminal and its second screen (the tablet the resident reads
 * and signs on) are two windows of one browser, on one staff session. They
 * speak over a BroadcastChannel of the origin: the counter says what to show
 * (and hands over the session's CSRF token, which the tablet needs to post the
 * signature); the tablet says when the resident has signed. Nothing personal
 * travels on the channel: the tablet reads the notification from the API.
 */
export const TABLET_CHANNEL = 'madoguchi.notify.tablet';

export type TabletMessage =
  /** tablet → counter: just opened (or reloaded); what should be on screen? */
  | { type: 'hello' }
  /** counter → tablet: show this notification for confirmation. */
  | { type: 'show'; reference: string; csrf: string }
  /** counter → tablet: back to the waiting screen (finished, cancelled, next person). */
  | { type: 'clear' }
  /** tablet → counter: the resident confirmed and signed this version. */
  | { type: 'signed'; reference: string; contentVersion: number }
  /** tablet → counter: the resident says something is wrong and did not sign. */
  | { type: 'declined'; reference: string };

export function isTabletMessage(value: unknown): value is TabletMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'hello' || type === 'show' || type === 'clear' || type === 'signed' || type === 'declined';
}

/** Opens the channel, or nothing where the browser has none (the counter then says so). */
export function openTabletChannel(onMessage: (message: TabletMessage) => void): BroadcastChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(TABLET_CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    if (isTabletMessage(event.data)) onMessage(event.data);
  };
  return channel;
}
