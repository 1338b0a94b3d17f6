// Text from an election definition is hostile until checked (docs/threat-model.md R26): it must be NFC, and
// may not hide anything a voter would not see.

/** Ids travel in signatures and file names (docs/bundle-format.md). */
export const ID_PATTERN = /^[A-Za-z0-9._-]+$/;
export const ID_MAX = 64;

const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u180E]/u;
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const OTHER_INVISIBLE = /[\p{Cf}\p{Co}\p{Cs}]/u;

/** What is wrong with a piece of display text, or null if it is acceptable. */
export function textProblem(text: string): string | null {
  const found = (pattern: RegExp, what: string): string | null => {
    const match = pattern.exec(text);
    if (!match) return null;
    const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `contains ${what} (U+${code}) at position ${match.index}`;
  };
  return (
    found(BIDI, 'a bidirectional formatting character') ??
    found(ZERO_WIDTH, 'a zero-width character') ??
    found(CONTROL, 'a control character') ??
    found(OTHER_INVISIBLE, 'an invisible or private-use character') ??
    (text.normalize('NFC') === text ? null : 'is not in Unicode normalisation form NFC') ??
    (text.trim() === text ? null : 'begins or ends with white space') ??
    (/\s{2}/u.test(text) ? 'contains two white-space characters in a row' : null)
  );
}

/**
 * The key under which two names count as the same: compatibility-normalised, case-folded, with
 * white space and punctuation folded, so "Rossi  Mario", "ROSSI MARIO" and "Ｒｏｓｓｉ Mario" collide.
 */
export function nameKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('it')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim();
}
