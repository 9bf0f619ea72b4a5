/** Reading a value at a content path ("movers.0.familyName"): to tell which server problems an edit resolved. */
export function valueAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Whether an edit touched the value a path points at (or anything under it). */
export function changedAt(before: unknown, after: unknown, path: string): boolean {
  return JSON.stringify(valueAt(before, path)) !== JSON.stringify(valueAt(after, path));
}
