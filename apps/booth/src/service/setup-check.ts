// What a booth checks of a console's set-up before it asks the president to confirm the console
// (docs/design.md §2, §7): the office's package, the set-up signed by the console that sent it and listing
// this booth with its key and machine id, and the console enrolled by the office, as a console, for
// the election's comune and named in the set-up by its machine id.
import { parseElection, type Setup } from '@seggio/ballot-core';
import { fingerprint, fromBase64, toBase64, type SeggioCrypto } from '@seggio/crypto';
import { checkWireCertificate, type ConsoleMessage } from '@seggio/link';

export type SetupMessage = Extract<ConsoleMessage, { type: 'setup' }>;

/** A set-up that holds (the console's machine id), one that does not hold together, or a console refused. */
export type SetupVerdict =
  | { readonly kind: 'ok'; readonly machine: string }
  | { readonly kind: 'malformed'; readonly reason: string }
  | { readonly kind: 'console-refused'; readonly code: string; readonly params: Record<string, string> };

export function checkSetup(crypto: SeggioCrypto, body: SetupMessage, from: Uint8Array, booth: { officeKey: Uint8Array; key: Uint8Array; machine: string }): SetupVerdict {
  const electionBytes = fromBase64(body.election.bytes);
  const setupBytes = fromBase64(body.setup.bytes);
  const electionOk = crypto.verify(electionBytes, fromBase64(body.election.signature), booth.officeKey);
  const parsed = parseElection(electionBytes);
  const setup = JSON.parse(new TextDecoder().decode(setupBytes)) as Setup;
  const digest = crypto.sha256Hex(electionBytes);
  const problem = !electionOk
    ? 'the election package is not signed by the pinned office key'
    : !parsed.ok
      ? 'the election package does not parse'
      : setup.format !== 'seggio/setup@1' || setup.election !== digest
        ? 'the set-up is not for this election'
        : setup.console !== toBase64(from) || !crypto.verify(setupBytes, fromBase64(body.setup.signature), from)
          ? 'the set-up is not signed by the console that sent it'
          : !setup.booths.some((b) => b.id === body.booth && b.publicKey === toBase64(booth.key) && b.machine === booth.machine)
            ? 'the set-up does not list this booth with its key and machine id'
            : !parsed.value.sections.some((s) => s.id === setup.section)
              ? 'the set-up names a section not in the election'
              : null;
  if (problem || !parsed.ok) return { kind: 'malformed', reason: problem ?? 'invalid' };
  const certificate = checkWireCertificate(crypto, body.consoleCertificate, booth.officeKey, { role: 'console', publicKey: toBase64(from), comune: parsed.value.comune.istat });
  const params = { fingerprint: fingerprint(from) };
  if (!certificate.ok) {
    const e = certificate.error;
    return { kind: 'console-refused', code: `console-${e.code}`, params: { ...params, ...('machine' in e ? { machine: e.machine } : {}), ...('comune' in e ? { comune: e.comune } : {}) } };
  }
  const machine = certificate.value.certificate.machine;
  if (setup.consoleMachine !== machine) return { kind: 'console-refused', code: 'console-other-machine', params: { ...params, machine } };
  return { kind: 'ok', machine };
}
