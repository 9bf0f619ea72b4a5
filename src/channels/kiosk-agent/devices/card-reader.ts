/**
 * The kiosk's card reader. A reader holds at most one card at a time; the
 * card itself (the chip's JPKI user-authentication application) is the
 * identity module's `CardReader`, which the demo's VirtualCard implements and
 * a PC/SC driver would implement over APDUs. The agent only asks the reader
 * which card lies on it now and hears when that changes.
 */
import { openVirtualCard } from '../../../identity/devices/virtual-card.js';
import type { CardReader } from '../../../identity/domain/card-reader.js';

export interface CardReaderDevice {
  /** The card lying on the reader now, or null. */
  currentCard(): CardReader | null;
  /** Called with `true` when a card is placed and `false` when it is taken away; returns an unsubscribe. */
  onChange(listener: (present: boolean) => void): () => void;
  /**
   * Hands the card back after an abandoned session, on readers that can (a
   * motorised slot). A contactless pad cannot: the card stays where it lies.
   */
  eject?(): void;
}

/** What the demo's card slot shows about a card, so a visitor can pick whose card to "hold". */
export interface SimulatedCardInfo {
  id: string;
  /** The holder's name exactly as registered (a demo town's invented person). */
  holderName: string;
  /** People in the holder's household, the holder included. */
  householdSize: number;
  hasSeal: boolean;
  hasKoseki: boolean;
  hasTax: boolean;
}

export interface SimulatedCard extends SimulatedCardInfo {
  /** The virtual card file (src/identity/devices/virtual-card.ts). */
  path: string;
}

/**
 * The demo's card slot: a few residents' virtual cards to choose from. Placing
 * one opens its file, so a PIN counter changed by another process (or left
 * locked before a restart) is what the kiosk sees.
 */
export class SimulatedCardReader implements CardReaderDevice {
  private card: { id: string; reader: CardReader } | null = null;
  private readonly listeners = new Set<(present: boolean) => void>();

  constructor(private readonly cards: readonly SimulatedCard[]) {}

  /** The cards a visitor may place, without their file paths. */
  list(): SimulatedCardInfo[] {
    return this.cards.map(({ path: _path, ...info }) => info);
  }

  /** The id of the card on the reader, if any. */
  placedId(): string | null {
    return this.card?.id ?? null;
  }

  async place(id: string): Promise<void> {
    const entry = this.cards.find((card) => card.id === id);
    if (!entry) throw new RangeError(`no simulated card ${id}`);
    const reader = await openVirtualCard(entry.path);
    const hadCard = this.card !== null;
    this.card = { id, reader };
    if (hadCard) this.emit(false);
    this.emit(true);
  }

  take(): void {
    if (!this.card) return;
    this.card = null;
    this.emit(false);
  }

  eject(): void {
    this.take();
  }

  currentCard(): CardReader | null {
    return this.card?.reader ?? null;
  }

  onChange(listener: (present: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(present: boolean) {
    for (const listener of this.listeners) listener(present);
  }
}
