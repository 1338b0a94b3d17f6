// The language a president or the office's staff chose, kept by the page across a reload: only a value
// still offered is taken back, and a page that may keep nothing starts with its default.
import { afterEach, describe, expect, it } from 'vitest';
import { keepChoice, keptChoice } from '../src/common/kept.js';

const OFFERED = ['it', 'de', 'en'] as const;
const storage = (items: Map<string, string>, refuse = false) => ({
  getItem: (key: string) => {
    if (refuse) throw new DOMException('storage refused', 'SecurityError');
    return items.get(key) ?? null;
  },
  setItem: (key: string, value: string) => {
    if (refuse) throw new DOMException('storage refused', 'SecurityError');
    items.set(key, value);
  },
});
const page = globalThis as unknown as { localStorage?: ReturnType<typeof storage> };

afterEach(() => {
  delete page.localStorage;
});

describe('a choice kept across a reload', () => {
  it('is given back as it was kept', () => {
    const items = new Map<string, string>();
    page.localStorage = storage(items);
    expect(keptChoice('seggio.console.language', OFFERED, 'it')).toBe('it');
    keepChoice('seggio.console.language', 'de');
    expect(items.get('seggio.console.language')).toBe('de');
    expect(keptChoice('seggio.console.language', OFFERED, 'it')).toBe('de');
    // Each screen its own: the office's is not the console's.
    expect(keptChoice('seggio.office.language', OFFERED, 'it')).toBe('it');
  });

  it('gives the default for a value not offered, left by another version or written by hand', () => {
    page.localStorage = storage(new Map([['seggio.console.language', 'fr'], ['seggio.office.language', 'DE']]));
    expect(keptChoice('seggio.console.language', OFFERED, 'it')).toBe('it');
    expect(keptChoice('seggio.office.language', OFFERED, 'it')).toBe('it');
  });

  it('gives the default, and keeps nothing, where the page may not store anything', () => {
    expect(keptChoice('seggio.console.language', OFFERED, 'it')).toBe('it');
    expect(() => keepChoice('seggio.console.language', 'en')).not.toThrow();
    const items = new Map([['seggio.console.language', 'de']]);
    page.localStorage = storage(items, true);
    expect(keptChoice('seggio.console.language', OFFERED, 'it')).toBe('it');
    expect(() => keepChoice('seggio.console.language', 'en')).not.toThrow();
    expect(items.get('seggio.console.language')).toBe('de');
  });
});
