// The booth's side of enrolment (docs/design.md §6, docs/threat-model.md R32, R35): its machine key in a 0600 file
// and never in the store; its certificate imported from the drive, refused with the file and the
// reason; a console's set-up accepted only from an enrolled console of the comune, and only once the
// president has confirmed its machine id and fingerprint on the booth.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeSidecar, signCertificate } from '@seggio/ballot-core';
import { fingerprint, toBase64 } from '@seggio/crypto';
import { KeyFileError } from '@seggio/crypto/key-file';
import { nodeCrypto } from '@seggio/crypto/node';
import { BoothService } from '../src/service/index.js';
import { ELECTION, FakeConsole, startBooth, until } from './fake-console.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

async function fresh(enrolled = true, storePath: string | null = null) {
  const fake = await FakeConsole.start();
  const dir = mkdtempSync(join(tmpdir(), 'seggio-enrol-'));
  const keyPath = join(dir, 'booth.key');
  const booth = startBooth(fake, storePath, keyPath, enrolled);
  cleanup.push(() => booth.stop(), () => fake.close());
  return { fake, booth, dir, keyPath };
}

describe('the machine key (R35)', () => {
  it('is made at first start in a file only its user can read, and is not in the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seggio-r35-'));
    const fake = await FakeConsole.start();
    cleanup.push(() => fake.close());
    const said: string[] = [];
    const booth = BoothService.start(nodeCrypto, { storePath: join(dir, 'booth.db'), machineKeyPath: join(dir, 'keys', 'booth.key'), officeKey: fake.office.publicKey, consoleUrl: fake.server.url, say: (l) => said.push(l) });
    cleanup.push(() => booth.stop());
    expect(statSync(join(dir, 'keys', 'booth.key')).mode & 0o777).toBe(0o600);
    expect(said).toEqual([expect.stringContaining(`a new one was made (mode 0600), fingerprint ${fingerprint(booth.publicKey)}`)]);
    const secret = (JSON.parse(readFileSync(join(dir, 'keys', 'booth.key'), 'utf8')) as { secretKey: string }).secretKey;
    await until(() => fake.boothKey, 'the hello');
    booth.store.transaction(() => booth.store.appendLog('store-opened'));
    for (const file of ['booth.db', 'booth.db-wal']) {
      const bytes = (() => {
        try {
          return readFileSync(join(dir, file)).toString('latin1');
        } catch {
          return '';
        }
      })();
      expect(bytes.includes(secret), file).toBe(false);
    }
  });

  it('a key file that others may read stops the booth, naming the file', async () => {
    const { keyPath, fake } = await fresh();
    chmodSync(keyPath, 0o644);
    expect(() => BoothService.start(nodeCrypto, { storePath: null, machineKeyPath: keyPath, officeKey: fake.office.publicKey, consoleUrl: fake.server.url })).toThrow(KeyFileError);
    expect(() => BoothService.start(nodeCrypto, { storePath: null, machineKeyPath: keyPath, officeKey: fake.office.publicKey, consoleUrl: fake.server.url })).toThrow(`${keyPath}: mode 644 lets others read the machine key`);
  });
});

describe("the booth's certificate, from the drive", () => {
  it('is refused with the file and the reason when not for this key, not signed by the office or for a console; a good one is taken', async () => {
    const fake = await FakeConsole.start();
    cleanup.push(() => fake.close());
    const dir = mkdtempSync(join(tmpdir(), 'seggio-drive-'));
    mkdirSync(join(dir, 'macchine'));
    const booth = BoothService.start(nodeCrypto, { storePath: null, machineKeyPath: join(dir, 'booth.key'), driveDir: dir, officeKey: fake.office.publicKey, consoleUrl: fake.server.url, say: () => undefined });
    cleanup.push(() => booth.stop());
    expect(booth.getView().state).toBe('unenrolled');
    const put = (file: string, signer = fake.office, fields: Partial<{ role: 'booth' | 'console'; publicKey: string }> = {}) => {
      const signed = signCertificate(nodeCrypto, signer, { comune: ELECTION.comune.istat, role: 'booth', machine: file, publicKey: toBase64(booth.publicKey), ...fields });
      writeFileSync(join(dir, 'macchine', `${file}.json`), signed.bytes);
      writeFileSync(join(dir, 'macchine', `${file}.json.sig`), encodeSidecar(signed.sidecar));
    };
    put('OTHER-KEY', fake.office, { publicKey: toBase64(nodeCrypto.generateSigningKeyPair().publicKey) });
    put('OTHER-OFFICE', nodeCrypto.generateSigningKeyPair());
    put('A-CONSOLE', fake.office, { role: 'console' });
    put('K1');
    writeFileSync(join(dir, 'macchine', 'NO-SIG.json'), '{}');
    expect(booth.listCertificates()).toEqual(['A-CONSOLE.json', 'K1.json', 'NO-SIG.json', 'OTHER-KEY.json', 'OTHER-OFFICE.json']);
    const refused = (file: string) => {
      const result = booth.importCertificate({ file });
      return result.ok ? null : result.error;
    };
    expect(refused('OTHER-KEY.json')).toEqual({ code: 'certificate-other-key', params: { file: 'macchine/OTHER-KEY.json', machine: 'OTHER-KEY' } });
    expect(refused('OTHER-OFFICE.json')).toMatchObject({ code: 'certificate-not-office', params: { file: 'macchine/OTHER-OFFICE.json' } });
    expect(refused('A-CONSOLE.json')).toEqual({ code: 'certificate-other-role', params: { file: 'macchine/A-CONSOLE.json', role: 'console', expected: 'booth' } });
    expect(refused('NO-SIG.json')).toEqual({ code: 'certificate-signature-missing', params: { file: 'macchine/NO-SIG.json.sig' } });
    expect(refused('../booth.key')).toEqual({ code: 'certificate-not-a-name', params: { file: '../booth.key' } });
    expect(booth.getView()).toMatchObject({ state: 'unenrolled', machine: null, notice: { code: 'certificate-not-a-name' } });
    expect(booth.importCertificate({ file: 'K1.json' })).toEqual({ ok: true, value: { machine: 'K1' } });
    expect(booth.getView()).toMatchObject({ state: 'unpaired', machine: 'K1', notice: { code: 'certificate-imported', params: { machine: 'K1' } } });
    // Kept beside the key: the booth started again is still enrolled.
    booth.stop();
    const again = BoothService.start(nodeCrypto, { storePath: null, machineKeyPath: join(dir, 'booth.key'), officeKey: fake.office.publicKey, consoleUrl: fake.server.url, say: () => undefined });
    cleanup.push(() => again.stop());
    expect(again.getView()).toMatchObject({ state: 'unpaired', machine: 'K1' });
  });
});

describe("a console's set-up", () => {
  it('from a console the office did not enrol is refused and logged, and the booth stays unpaired', async () => {
    const { fake, booth } = await fresh();
    await until(() => fake.boothKey, 'the hello');
    const forged = fake.certificate({}, nodeCrypto.generateSigningKeyPair());
    fake.send(fake.setupMessage(booth, forged));
    await until(() => booth.store.log().some((e) => e.event === 'console-refused'), 'the refusal');
    expect(booth.getView()).toMatchObject({ state: 'unpaired', pendingConsole: null, notice: { code: 'console-not-office', params: { fingerprint: fingerprint(fake.key.publicKey) } } });
    for (const [overrides, code] of [[{ comune: '123456' }, 'console-other-comune'], [{ role: 'booth' as const }, 'console-other-role'], [{ publicKey: toBase64(nodeCrypto.generateSigningKeyPair().publicKey) }, 'console-other-key']] as const) {
      fake.send(fake.setupMessage(booth, fake.certificate(overrides)));
      await until(() => booth.getView().notice?.code === code, code);
      expect(booth.getView().state).toBe('unpaired');
    }
    expect(fake.received.some((b) => b.type === 'zero-report')).toBe(false);
  });

  it("waits for the president to confirm the console's machine id and fingerprint on the booth; refused, nothing is pinned", async () => {
    const { fake, booth } = await fresh();
    await until(() => fake.boothKey, 'the hello');
    fake.send(fake.setupMessage(booth));
    await until(() => booth.getView().state === 'confirming', 'the question');
    expect(booth.getView().pendingConsole).toEqual({ machine: 'C1', fingerprint: fingerprint(fake.key.publicKey) });
    expect(booth.store.pairing()).toBeNull();
    expect(fake.received.some((b) => b.type === 'zero-report')).toBe(false);
    expect(booth.confirmConsole({ accept: false })).toEqual({ ok: true, value: undefined });
    expect(booth.getView()).toMatchObject({ state: 'unpaired', pendingConsole: null, notice: { code: 'console-not-confirmed', params: { machine: 'C1' } } });
    expect(booth.store.pairing()).toBeNull();

    fake.send(fake.setupMessage(booth));
    await until(() => booth.getView().state === 'confirming', 'the question again');
    expect(booth.confirmConsole({ accept: true }).ok).toBe(true);
    await fake.next('zero-report');
    expect(booth.getView()).toMatchObject({ state: 'ready', consoleMachine: 'C1', consoleFingerprint: fingerprint(fake.key.publicKey) });
    // Paired, the booth keeps the certificate the console checked.
    expect(booth.importCertificate({ file: 'K2.json' })).toEqual({ ok: false, error: { code: 'certificate-after-pairing', params: {} } });
  });

  it('to a booth that is not enrolled is refused and said on the booth', async () => {
    const { fake, booth } = await fresh(false);
    await until(() => fake.boothKey, 'the hello');
    fake.send(fake.setupMessage(booth));
    await until(() => booth.getView().notice?.code === 'booth-unenrolled', 'the refusal');
    expect(booth.getView().state).toBe('unenrolled');
  });
});

describe("the console's welcome (R32)", () => {
  it("is taken only with this connection's nonce from the booth's hello", async () => {
    const { fake, booth } = await fresh();
    await fake.pair(booth);
    const rejected = () => booth.store.log().filter((e) => e.event === 'frame-rejected').length;
    const before = rejected();
    fake.connection!.send(fake.frame({ type: 'welcome', lastReceived: 0, nonce: toBase64(nodeCrypto.randomBytes(32)) }, fake.counter));
    await until(() => rejected() > before, 'the refusal');
    expect(booth.store.log().at(-1)?.detail).toEqual({ code: 'welcome-not-answering', reason: "a welcome that does not answer this connection's hello (replayed?)" });
  });
});
