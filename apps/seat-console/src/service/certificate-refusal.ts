// A machine's certificate refused (docs/design.md §6), as a refusal of the console's catalogue: the
// console's own, imported from the drive, and a booth's, presented at pairing.
import { fingerprint, fromBase64 } from '@seggio/crypto';
import type { ImportProblem } from '@seggio/link';
import { refusal, type Refusal, type RefusalCode } from '../shared/refusals.js';
import type { BoothRefusal } from './link-side.js';

/** A certificate file refused at import. */
export function certificateRefusal(p: ImportProblem): Refusal {
  switch (p.code) {
    case 'not-a-name':
      return refusal('certificate-name', { file: p.file });
    case 'missing':
      return refusal('certificate-missing', { file: p.file });
    case 'too-large':
      return refusal('certificate-too-large', { file: p.file });
    case 'signature-missing':
      return refusal('certificate-signature-missing', { file: p.file });
    case 'unreadable':
      return refusal('certificate-unreadable', { file: p.file, reason: p.reason });
    case 'bad-signature':
      return refusal('certificate-bad-signature', { file: p.file, reason: p.reason });
    case 'not-office':
      return refusal('certificate-not-office', { file: p.file, signer: fingerprint(fromBase64(p.signer)) });
    case 'other-role':
      return refusal('certificate-other-role', { file: p.file });
    case 'other-key':
    case 'other-machine':
      return refusal('certificate-other-key', { file: p.file, machine: p.machine });
    case 'other-comune':
      return refusal('certificate-other-comune', { file: p.file, comune: p.comune, expected: p.expected });
  }
}

/** The refusal said to the president for each reason a booth is refused at pairing. */
export const BOOTH_REFUSED: Readonly<Record<BoothRefusal, RefusalCode>> = {
  unenrolled: 'booth-unenrolled',
  'not-office': 'booth-not-office',
  'bad-signature': 'booth-bad-signature',
  unreadable: 'booth-unreadable',
  'other-role': 'booth-other-role',
  'other-key': 'booth-other-key',
  'other-comune': 'booth-other-comune',
  'machine-paired': 'booth-machine-paired',
};
