// The office's refusals and flags in English, for its log and the command line only: the staff and
// the public read them in the renderer's catalogue (Italian first).
import type { Code, Problem } from '../shared/codes.js';

type Params = Readonly<Record<string, string>>;

export const ENGLISH: { readonly [C in Code]: (p: Params) => string } = {
  'body-too-large': (p) => `the body is larger than the ${p.limit} bytes allowed`,
  'body-invalid': (p) => `${p.field}: ${p.reason}`,
  'not-authorised': () => 'the request does not carry this launch\'s token',
  'no-election': () => 'the office has no election yet: its staff have not signed the package of the day, so nothing is received before that',
  'archive-unreadable': (p) => `the archive cannot be read as tar: ${p.reason}`,
  'archive-too-many-entries': (p) => `the archive has more than ${p.limit} entries`,
  'archive-entry-path': (p) => `the archive entry ${p.entry} names a path outside the bundle (absolute, with .., or with characters a bundle file never has)`,
  'archive-entry-type': (p) => `the archive entry ${p.entry} is a ${p.type}, not a file or folder: links are refused`,
  'archive-entry-too-large': (p) => `the archive entry ${p.entry} is larger than the ${p.limit} bytes allowed`,
  'archive-entry-twice': (p) => `the archive holds ${p.entry} twice`,
  'archive-audit-set': (p) => `the archive holds ${p.entry}: that is the audit set, and the office takes the public export only`,
  'bundle-check-failed': (p) => `seggio verify, check ${p.check}${p.place ? ` (${p.place})` : ''}: ${p.detail}`,
  'other-election': (p) => `this is another election (digest ${p.digest})`,
  'section-unknown': (p) => `section ${p.section} is not in the election`,
  'setup-not-turnout': (p) => `section ${p.section}: the set-up ${p.setup} is not the one that reported turnout during the day (${p.turnoutSetup})`,
  'second-submission': (p) => `section ${p.section} already has an accepted result (submission ${p.accepted}): this one is kept and flagged, never counted`,
  'same-result': (p) => `the office already has this same result of section ${p.section}, accepted and counted (submission ${p.accepted}): this copy is not counted a second time`,
  'turnout-document': (p) => `${p.field}: ${p.reason}`,
  'turnout-signature': (p) => `${p.file}: ${p.reason}`,
  'turnout-setup-mismatch': (p) => `${p.field} does not match the turnout document`,
  'turnout-checkpoint-unknown': (p) => `checkpoint ${p.checkpoint} is not in the election`,
  'turnout-contest-unknown': (p) => `contest ${p.contest} is not in the election`,
  'turnout-figures': (p) => `contest ${p.contest}: the figures are not whole numbers with M + F = T`,
  'turnout-replayed-different': (p) => `section ${p.section} already reported ${p.checkpoint} with other figures`,
  'turnout-other-setup': (p) => `section ${p.section}: turnout from set-up ${p.setup}, while ${p.turnoutSetup} reported first: kept and flagged, not counted`,
  'folder-entry-not-file': (p) => `${p.file} in the import folder is not a plain file`,
  'folder-file-too-large': (p) => `${p.file} in the import folder is larger than the ${p.limit} bytes allowed`,
  'no-turnout-reported': (p) => `section ${p.section} reported no turnout during the day: its set-up could not be matched`,
  'comune-package-entry': (p) => `the comune's package holds ${p.entry}: it takes comune-tally.json, its .sig and sections/ID.tar only`,
  'comune-package-missing': (p) => `the comune's package has no ${p.file}`,
  'comune-unknown': (p) => `comune ${p.comune} is not in the Prefettura's configuration`,
  'comune-signature': (p) => `comune ${p.comune}: comune-tally.json is not signed by the office key pinned for it: ${p.reason}`,
  'comune-check-failed': (p) => `comune ${p.comune}, seggio verify-comune, check ${p.check} (${p.place}): ${p.detail}`,
  'comune-section-mismatch': (p) => `comune ${p.comune}: ${p.place}: ${p.detail}`,
  'comune-other-election': (p) => `comune ${p.comune}: its election is another than the Prefettura's (${p.field} differs)`,
  'comune-second-tally': (p) => `comune ${p.comune} already has an accepted comune tally (submission ${p.accepted}): this other one is kept and flagged, never counted`,
  'comune-same-tally': (p) => `comune ${p.comune}: this comune tally is already counted (submission ${p.accepted})`,
};

export const describe = (p: Problem): string => ENGLISH[p.code](p.params);
