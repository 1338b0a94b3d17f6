// What the console refuses: one code per reason, with the names of its figures (docs/design.md §1). The
// service gives each refusal as a value {code, params}; the president's interface says it in Italian,
// German or English from its catalogue (renderer/i18n, `refusal.<code>`); the shares' problems are
// @seggio/crypto's own codes, passed on as they are.
import { SHARE_PROBLEMS } from '@seggio/crypto';

export const REFUSALS = {
  ...SHARE_PROBLEMS,
  'already-loaded': [],
  'office-nothing-to-send': [],
  'no-import-folder': [],
  'import-folder-missing': ['dir'],
  'not-a-package': ['file'],
  'package-missing': ['file'],
  'signature-missing': ['file'],
  'package-other-key': ['file', 'signer', 'expected'],
  'package-signature': ['file', 'reason'],
  'package-sig-unreadable': ['file', 'reason'],
  'package-invalid': ['file', 'path', 'reason'],
  'package-files-missing': [],
  'package-files-damaged': [],
  'keys-once': [],
  'section-unknown': ['section'],
  'shares-range': ['k', 'n'],
  'pair-when': [],
  'pair-unknown': ['fingerprint'],
  'pair-id': ['id'],
  // A booth refused at pairing (docs/design.md §6): one code per BoothRefusal (service/certificate-refusal.ts).
  'booth-unenrolled': ['fingerprint'],
  'booth-not-office': ['fingerprint'],
  'booth-bad-signature': ['fingerprint'],
  'booth-unreadable': ['fingerprint'],
  'booth-other-role': ['fingerprint', 'machine'],
  'booth-other-key': ['fingerprint', 'machine'],
  'booth-other-comune': ['fingerprint', 'machine'],
  'booth-machine-paired': ['machine', 'fingerprint'],
  'console-unenrolled': ['fingerprint'],
  'console-other-comune': ['machine', 'comune', 'expected'],
  // The console's certificate, imported from the drive (docs/design.md §6).
  'certificate-name': ['file'],
  'certificate-after-pairing': [],
  'certificate-missing': ['file'],
  'certificate-too-large': ['file'],
  'certificate-signature-missing': ['file'],
  'certificate-unreadable': ['file', 'reason'],
  'certificate-not-office': ['file', 'signer'],
  'certificate-bad-signature': ['file', 'reason'],
  'certificate-other-role': ['file'],
  'certificate-other-key': ['file', 'machine'],
  'certificate-other-comune': ['file', 'comune', 'expected'],
  'open-when': [],
  'open-zero': ['booths'],
  'not-open': [],
  'not-on-roll': ['number'],
  'already-voted': ['who', 'number'],
  'at-booth': ['who', 'number'],
  'roll-differs': ['number', 'category', 'sex'],
  'no-booth': ['booth'],
  'booth-not-free': ['booth', 'state'],
  'booth-busy': ['booth'],
  'no-ballot': ['category', 'accepts'],
  'no-session': [],
  'roll-needs-election': [],
  'roll-before-open': [],
  'no-roll': [],
  'checkpoint-not-recorded': ['checkpoint'],
  'checkpoint-unknown': ['checkpoint', 'all'],
  'checkpoint-past': ['checkpoint'],
  'checkpoint-early': ['checkpoint'],
  'close-early': [],
  'count-when': ['phase'],
  'count-first': [],
  'folder-not-empty': ['dir'],
  'bundle-write': ['dir', 'reason'],
  'file-write': ['file', 'reason'],
  // Reconciliation after close (E1): what does not agree, with the figures.
  'recon-no-seal': ['booth'],
  'recon-sessions-open': ['booth', 'open'],
  'recon-seal-sessions': ['booth', 'sealed', 'console'],
  'recon-seal-count': ['booth', 'contest', 'received', 'sealed'],
  'recon-seal-digest': ['booth', 'contest'],
  'recon-booth-sessions': ['booth', 'contest', 'ballots', 'sessions'],
  'recon-contest': ['contest', 'ballots', 'sessions', 'voters'],
  // The count's own problems: a ballot that does not open (`problem` one of ballot-core's BALLOT_PROBLEMS),
  // a check of the record that fails (`check` its id, C1…E1).
  'ballot-unreadable': ['ballot', 'booth', 'problem'],
  'check-fails': ['check', 'contest'],
  // A call from the page whose input has not the shape of its method's (the bridge checks it).
  'request-malformed': ['method'],
  // Said by the page itself (renderer/bridge.ts) when the service could not be asked.
  'service-lost': [],
  'roll-missing': [],
  'shares-missing': [],
  'bundle-folder-missing': [],
  // The section roll's file, line by line (roll.ts). The catch-all for a name's text comes last.
  'roll-file-empty': ['file', 'header'],
  'roll-header': ['file', 'header', 'found'],
  'roll-too-long': ['file', 'count', 'max'],
  'roll-fields': ['file', 'line', 'fields', 'expected', 'header'],
  'roll-number': ['file', 'line', 'number'],
  'roll-number-twice': ['file', 'line', 'number'],
  'roll-sex': ['file', 'line', 'value'],
  'roll-category': ['file', 'line', 'value', 'categories'],
  'roll-category-unused': ['file', 'line', 'category'],
  'roll-field-empty': ['file', 'line', 'field'],
  'roll-field-long': ['file', 'line', 'field'],
  'roll-field-text': ['file', 'line', 'field', 'problem'],
} as const satisfies Record<string, readonly string[]>;

export type RefusalCode = keyof typeof REFUSALS;
export type RefusalParams = Readonly<Record<string, string | number>>;
export interface Refusal {
  readonly code: RefusalCode;
  readonly params: RefusalParams;
}

export function refusal(code: RefusalCode, params: RefusalParams = {}): Refusal {
  return { code, params };
}

/** A refusal as one line for a log or a test's message: its code and figures, never words for people. */
export const refusalLine = (r: Refusal): string => `${r.code} ${JSON.stringify(r.params)}`;
