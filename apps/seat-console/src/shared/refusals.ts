// What the console refuses, one code per reason. The service words each in English from this table
// (its Result errors stay plain text for every caller); the president's interface reads the code and
// the figures back from that text and says it in Italian, German or English (renderer/i18n.ts).
export const REFUSALS = {
  'already-loaded': 'an election is already loaded',
  'no-import-folder': 'no import folder is configured',
  'import-folder-missing': 'the import folder {dir} is not there (is the drive inserted?)',
  'not-a-package': '{file}: not a package file name',
  'package-missing': '{file}: not found',
  'signature-missing': "{file}.sig: not found; the package must come with the office's signature",
  'package-other-key': "{file}: signed by key {signer}, not by the electoral office's key {expected}",
  'package-signature': '{file}: the signature does not match the package: it was changed after signing, or is not this signature ({reason})',
  'package-sig-unreadable': '{file}: not a signature file ({reason})',
  'package-invalid': '{file}: {path}: {reason}',
  'package-files-missing': 'the package files did not arrive',
  'package-files-damaged': 'the package files did not arrive intact',
  'keys-once': 'keys can be created once, after the election is loaded',
  'section-unknown': 'section {section} is not in the election',
  'shares-range': 'the urna key is split among at most 20 seat members, and opening it needs at least 2 of them and no more than there are (asked: {k} of {n})',
  'pair-when': 'booths are paired during set-up, after the keys are created',
  'pair-unknown': 'no unpaired booth shows fingerprint {fingerprint}',
  'pair-id': 'booth id {id} is taken or not valid',
  // A booth refused at pairing (docs/design.md §6): one code per BoothRefusal, 'booth-' and its reason.
  'booth-unenrolled': 'the booth with fingerprint {fingerprint} has no certificate of the electoral office',
  'booth-not-office': "the booth with fingerprint {fingerprint} presents a certificate not signed by the electoral office's key",
  'booth-bad-signature': 'the booth with fingerprint {fingerprint} presents a certificate changed after signing',
  'booth-unreadable': 'the booth with fingerprint {fingerprint} presents a certificate that cannot be read',
  'booth-other-role': 'the booth with fingerprint {fingerprint} presents the certificate of a console (machine {machine}), not of a booth',
  'booth-other-key': "the booth with fingerprint {fingerprint} presents machine {machine}'s certificate, which is for another key",
  'booth-other-comune': "the booth with fingerprint {fingerprint} (machine {machine}) is enrolled for another comune than this election's",
  'booth-machine-paired': 'machine {machine} (fingerprint {fingerprint}) is already paired: a machine pairs once',
  'console-unenrolled': 'this console (fingerprint {fingerprint}) has no certificate of the electoral office: import it from the drive first',
  'console-other-comune': "this console's certificate enrols machine {machine} for comune {comune}, not for {expected}",
  // The console's certificate, imported from the drive (docs/design.md §6).
  'certificate-name': '{file}: not a certificate file name',
  'certificate-after-pairing': "the console's certificate is imported before any booth is paired",
  'certificate-missing': '{file}: not found on the drive',
  'certificate-too-large': '{file}: too large for a certificate',
  'certificate-signature-missing': "{file}: not found; the certificate must come with the office's signature",
  'certificate-unreadable': '{file}: not a machine certificate ({reason})',
  'certificate-not-office': "{file}: signed by key {signer}, not by the electoral office's key",
  'certificate-bad-signature': '{file}: the signature does not match the certificate: it was changed after signing ({reason})',
  'certificate-other-role': '{file}: enrols a booth, not a console',
  'certificate-other-key': "{file}: is for another key (machine {machine}), not for this console's",
  'certificate-other-comune': '{file}: enrols the machine for comune {comune}, not {expected}',
  'open-when': 'voting opens after set-up, with at least one booth paired',
  'open-zero': 'no zero report yet from {booths}',
  'not-open': 'voting is not open',
  'not-on-roll': 'number {number} is not on the section roll',
  'already-voted': '{who} (number {number}) has already voted',
  'at-booth': '{who} (number {number}) is already at a booth',
  'roll-differs': 'the roll lists number {number} as {category}, sex {sex}',
  'no-booth': 'there is no booth {booth}',
  'booth-not-free': 'booth {booth} is not free ({state})',
  'booth-busy': 'booth {booth} already has a voter',
  'no-ballot': 'a {category} voter who accepts {accepts} has no ballot here',
  'no-session': 'no such open session',
  'roll-needs-election': 'load the election first',
  'roll-before-open': 'the roll is imported before voting opens',
  'no-roll': 'no section roll was imported',
  'checkpoint-not-recorded': 'checkpoint {checkpoint} has not been recorded',
  'checkpoint-unknown': "{checkpoint} is not one of the election's checkpoints ({all})",
  'checkpoint-past': 'checkpoint {checkpoint} is already past',
  'count-when': 'the count comes after every booth has sent its seal (now: {phase})',
  'count-first': 'count the ballots first',
  'folder-not-empty': '{dir} is not empty: a bundle is never written over other files',
  // The shares entered at the count, as @seggio/crypto words what is wrong with them.
  'share-prefix': 'share {n}: a share starts with "{prefix}-"',
  'share-length': 'share {n}: a share has {chars} letters and digits after "{prefix}", this one {length}: is part of it missing?',
  'share-checksum': 'share {n}: the share does not match its checksum: check it for a typing error',
  'share-character': 'share {n}: character {position} does not match the rest of the share: check it for a typing error',
  'share-letter': 'share {n}: character {position} ("{letter}") is not one of a share\'s letters and digits (A to Z, 2 to 7)',
  'share-not': 'share {n}: not a share: {reason}',
  'share-version': 'share {n}: share format version {version} is not supported (expected {expected})',
  'share-numbers': "share {n}: the share's numbers are inconsistent (share {index} of {count}, {threshold} needed)",
  'share-other-key': "share {n} belongs to urna key {fingerprint}, not to this section's {expected}",
  'share-twice': 'share {n}: share number {index} was already entered',
  'shares-none': 'no shares were entered',
  'shares-mixed': 'the shares come from different splittings of the key',
  'shares-too-few': '{threshold} shares are needed, {entered} entered',
  'shares-wrong': 'the rebuilt key does not match the urna public key: at least one share is wrong',
  // The section roll's file, line by line (roll.ts). The catch-all for a name's text comes last.
  'roll-file-empty': '{file}: is empty; the first line must be {header}',
  'roll-header': '{file}: line 1 must be the header {header}, not {found}',
  'roll-too-long': '{file}: has {count} electors; a section roll has at most {max}',
  'roll-fields': '{file}: line {line}: has {fields} fields; {expected} are expected ({header})',
  'roll-number': '{file}: line {line}: number "{number}" must be a whole number from 1',
  'roll-number-twice': '{file}: line {line}: number {number} appears twice',
  'roll-sex': '{file}: line {line}: sex "{value}" must be M or F',
  'roll-category': '{file}: line {line}: category "{value}" must be one of {categories}',
  'roll-category-unused': '{file}: line {line}: category {category} votes in no contest of this election',
  'roll-field-empty': '{file}: line {line}: {field} is empty',
  'roll-field-long': '{file}: line {line}: {field} is longer than 80 characters',
  'roll-field-text': '{file}: line {line}: {field} {problem}',
} as const;

export type RefusalCode = keyof typeof REFUSALS;
export type RefusalParams = Readonly<Record<string, string | number>>;

/** The English text of a refusal. */
export function refusal(code: RefusalCode, params: RefusalParams = {}): string {
  return REFUSALS[code].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * Figures of a known shape, read back as such so that the text around them cannot be mistaken for
 * part of them: a line number, a column name, a JSON path ($…). Any other figure is any text.
 */
export const PARAM_PATTERNS: Readonly<Record<string, string>> = { line: '\\d+', field: '\\S+', path: '\\$\\S*' };
const PATTERNS = (Object.entries(REFUSALS) as [RefusalCode, string][]).map(([code, template]) => {
  const names: string[] = [];
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return escape(part);
      names.push(name);
      return `(${PARAM_PATTERNS[name] ?? '.+?'})`;
    })
    .join('');
  return { code, names, pattern: new RegExp(`^${source}$`, 's') };
});

/** The code and figures of a refusal's text, or null for a text that is not one of the table's. */
export function readRefusal(text: string): { code: RefusalCode; params: Record<string, string> } | null {
  for (const { code, names, pattern } of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return { code, params: Object.fromEntries(names.map((n, i) => [n, match[i + 1]!])) };
  }
  return null;
}
