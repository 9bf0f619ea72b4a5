import { createContext, useContext } from 'react';
import type { TabletMessage } from '../shared/moving/tabletChannel';

/** The counter's side of its second screen (see shared/moving/tabletChannel.ts). */
export interface TabletLink {
  /** The browser can talk to a second window at all. */
  available: boolean;
  /** A tablet window has said hello since this page opened. */
  readonly seen: boolean;
  /** Shows a notification on the tablet; false when there is no session token to hand over. */
  show(reference: string): boolean;
  /** Back to the tablet's waiting screen. */
  clear(): void;
  subscribe(listener: (message: TabletMessage) => void): () => void;
}

export const TabletContext = createContext<TabletLink | undefined>(undefined);

export function useTablet(): TabletLink {
  const link = useContext(TabletContext);
  if (!link) throw new Error('useTablet outside NotifyCounterApp');
  return link;
}
