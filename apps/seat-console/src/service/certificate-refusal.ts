// The console's certificate refused at import from the drive (docs/design.md §6), said with the refusal
// table's words, so that the president's interface reads it back and says it in Italian, German or English.
import { fingerprint, fromBase64 } from '@seggio/crypto';
import type { ImportProblem } from '@seggio/link';
import { refusal } from '../shared/refusals.js';

/** A certificate file refused at import, in the words of the refusal table. */
export function certificateRefusal(p: ImportProblem): string {
  switch (p.code) {
    case 'not-a-name':
      return refusal('certificate-name', { file: p.file });
    case 'missing':
    case 'too-large':
    case 'signature-missing':
      return refusal(`certificate-${p.code}`, { file: p.file });
    case 'unreadable':
    case 'bad-signature':
      return refusal(`certificate-${p.code}`, { file: p.file, reason: p.reason });
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
