/**
 * The drafts this browser made, each with its edit secret. The secret opens
 * that one draft and nothing else; it never leaves the device except in the
 * X-Edit-Secret header of the draft's own requests, and is never in a URL.
 * A draft the server no longer has (expired, deleted, finished) is forgotten.
 */
import type { MoveKind } from '../shared/moving/content';

export interface StoredDraft {
  municipalityCode: string;
  reference: string;
  editSecret: string;
  kind: MoveKind;
  expiresAt: string;
  /** The last status the phone saw. */
  status: string;
}

const PREFIX = 'madoguchi.moving.draft.';
const keyOf = (municipalityCode: string, reference: string) => `${PREFIX}${municipalityCode}.${reference}`;

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Storage disabled (private mode): drafts then live only as long as the page.
    return undefined;
  }
}

const memory = new Map<string, StoredDraft>();

function parse(raw: string | null): StoredDraft | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<StoredDraft>;
    if (
      typeof value.municipalityCode === 'string' &&
      typeof value.reference === 'string' &&
      typeof value.editSecret === 'string' &&
      typeof value.kind === 'string' &&
      typeof value.expiresAt === 'string'
    )
      return { status: 'draft', ...value } as StoredDraft;
  } catch {
    // A damaged entry is as good as none.
  }
  return undefined;
}

export function storeDraft(draft: StoredDraft): void {
  const key = keyOf(draft.municipalityCode, draft.reference);
  memory.set(key, draft);
  try {
    storage()?.setItem(key, JSON.stringify(draft));
  } catch {
    // Full or disabled: the draft still works in this page.
  }
}

export function loadDraft(municipalityCode: string, reference: string): StoredDraft | undefined {
  const key = keyOf(municipalityCode, reference);
  return parse(storage()?.getItem(key) ?? null) ?? memory.get(key);
}

export function forgetDraft(municipalityCode: string, reference: string): void {
  const key = keyOf(municipalityCode, reference);
  memory.delete(key);
  try {
    storage()?.removeItem(key);
  } catch {
    // See storeDraft.
  }
}

/** Every draft this browser holds, newest expiry first; expired ones are dropped on the way. */
export function listDrafts(now: Date = new Date()): StoredDraft[] {
  const found = new Map<string, StoredDraft>(memory);
  const store = storage();
  if (store) {
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const draft = parse(store.getItem(key));
      if (draft) found.set(key, draft);
    }
  }
  const out: StoredDraft[] = [];
  for (const draft of found.values()) {
    if (new Date(draft.expiresAt) < now && (draft.status === 'draft' || draft.status === 'submitted')) {
      forgetDraft(draft.municipalityCode, draft.reference);
      continue;
    }
    out.push(draft);
  }
  return out.sort((a, b) => b.expiresAt.localeCompare(a.expiresAt));
}
