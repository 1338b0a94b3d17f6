// Microseconds per operation for sign, verify, seal and open: Seggio's Node backend (libsodium through
// sodium-native, with the strict checks in front), its portable tweetnacl path, and libsodium as an
// auditor runs it (Debian's python3-nacl) on the same messages, signatures and ciphertexts, measured in
// the same run. Prints JSON. `--n N` sets the operations per round (default 2000).
import { loadavg } from 'node:os';
import { nodeCrypto } from '@seggio/crypto/node';
import { pureCrypto, toBase64, type SeggioCrypto } from '@seggio/crypto';
import { sodium } from '../support/index.js';

const arg = process.argv.indexOf('--n');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 2000;
const PURE_N = Math.max(20, Math.floor(N / 20)); // tweetnacl is slow: fewer operations suffice
const ROUNDS = 3;
/** Seggio's and libsodium's rounds alternate, so that both sample the same moments of a shared machine. */
const PAIRS = 5;
const MESSAGE_BYTES = 256; // about a municipal ballot's padded plaintext

type Operation = 'sign' | 'verify' | 'seal' | 'open';
type Figures = Record<Operation, number>;

/** Best of ROUNDS, microseconds per call of fn(0) … fn(n - 1). */
function perOp(n: number, fn: (i: number) => unknown): number {
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn(i);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1000 / n);
  }
  return best;
}

const signing = nodeCrypto.generateSigningKeyPair();
const urna = nodeCrypto.generateBoxKeyPair();
const messages = Array.from({ length: N }, () => nodeCrypto.randomBytes(MESSAGE_BYTES));
const signatures = messages.map((m) => nodeCrypto.sign(m, signing));
const ciphertexts = messages.map((m) => nodeCrypto.seal(m, urna.publicKey));

function measure(crypto: SeggioCrypto, n: number): Figures {
  return {
    sign: perOp(n, (i) => crypto.sign(messages[i]!, signing)),
    verify: perOp(n, (i) => crypto.verify(messages[i]!, signatures[i]!, signing.publicKey)),
    seal: perOp(n, (i) => crypto.seal(messages[i]!, urna.publicKey)),
    open: perOp(n, (i) => crypto.sealOpen(ciphertexts[i]!, urna)),
  };
}

const round2 = (figures: Figures): Figures =>
  Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.round(v * 100) / 100])) as Figures;

const best = (a: Figures, b: Figures): Figures => ({ sign: Math.min(a.sign, b.sign), verify: Math.min(a.verify, b.verify), seal: Math.min(a.seal, b.seal), open: Math.min(a.open, b.open) });
const request = {
  op: 'bench',
  rounds: ROUNDS,
  signingSecretKey: toBase64(signing.secretKey),
  boxSecretKey: toBase64(urna.secretKey),
  messages: messages.map(toBase64),
  signatures: signatures.map(toBase64),
  ciphertexts: ciphertexts.map(toBase64),
};
let node = measure(nodeCrypto, N);
let libsodium = sodium<Figures>([request])[0]!;
for (let pair = 1; pair < PAIRS; pair++) {
  node = best(node, measure(nodeCrypto, N));
  libsodium = best(libsodium, sodium<Figures>([request])[0]!);
}
const pure = measure(pureCrypto, PURE_N);

const operations: Operation[] = ['sign', 'verify', 'seal', 'open'];
const ratio = Object.fromEntries(operations.map((op) => [op, Math.round((node[op] / libsodium[op]) * 100) / 100]));

console.log(
  JSON.stringify(
    {
      benchmark: 'crypto',
      unit: `microseconds per operation (best of ${PAIRS} x ${ROUNDS} rounds, Seggio's and libsodium's alternating)`,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      messageBytes: MESSAGE_BYTES,
      backend: nodeCrypto.implementation,
      operations: { node: N, tweetnacl: PURE_N, libsodium: N },
      node: round2(node),
      tweetnacl: round2(pure),
      libsodium: round2(libsodium),
      nodeOverLibsodium: ratio,
      goal: 'verify and open within 1.2x of libsodium (python3-nacl)',
    },
    null,
    2,
  ),
);
