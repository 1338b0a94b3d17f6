// What the person at a screen chose for it (the language of the president's or the staff's screen),
// kept by the page's browser (its localStorage) across a reload. Read back only when it is still one
// of those offered: a value left by another version, or written by hand, gives the default. Where the
// page may keep nothing (no storage, or storage refused), it starts with its default, as before.

interface Kept {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The page's storage; reading it may throw where the page may not store anything. */
const storage = (): Kept | undefined => (globalThis as { localStorage?: Kept }).localStorage;

export function keptChoice<T extends string>(key: string, offered: readonly T[], fallback: T): T {
  let kept: string | null | undefined;
  try {
    kept = storage()?.getItem(key);
  } catch {
    return fallback;
  }
  return offered.find((o) => o === kept) ?? fallback;
}

export function keepChoice(key: string, value: string): void {
  try {
    storage()?.setItem(key, value);
  } catch {
    // Not kept: the next load starts with the default.
  }
}
