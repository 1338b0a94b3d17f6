// The section roll (issue: seat console): imported with every bad line named, used to refuse a second
// vote, freed again when a voter walks away; never in the bundle. And the Prefettura's turnout figures.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeSidecar, signBytes } from '@seggio/ballot-core';
import { BoothService } from '@seggio/booth';
import { nodeCrypto } from '@seggio/crypto/node';
import { enrolMachine } from '@seggio/link';
import { SeatConsole } from '../src/service/index.js';
import { refusal } from '../src/shared/refusals.js';

const ELECTION = readFileSync(new URL('../../../fixtures/sanvalle-2020.election.json', import.meta.url));
const ROLL = `number;surname;name;sex;category
1;ROSSI;MARIA;F;IT
2;BIANCHI;LUCA;M;IT
3;"DE VITO; detto ""GINO""";LUIGI;M;EU_MUNICIPAL
`;

async function until<T>(probe: () => T | undefined | false | null): Promise<T> {
  for (let i = 0; i < 2000; i++) {
    const v = probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out');
}

let seat: SeatConsole;
let booth: BoothService;
let shares: string[];
beforeEach(async () => {
  const office = nodeCrypto.generateSigningKeyPair();
  const keys = mkdtempSync(join(tmpdir(), 'seggio-roll-keys-'));
  for (const [role, machine] of [['console', 'C1'], ['booth', 'K1']] as const) enrolMachine(nodeCrypto, office, { keyPath: join(keys, `${machine}.key`), role, machine, comune: '999001' });
  seat = await SeatConsole.start(nodeCrypto, { storePath: null, machineKeyPath: join(keys, 'C1.key'), officeKey: office.publicKey, host: '127.0.0.1', port: 0 });
  seat.loadElection({ bytes: ELECTION, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, ELECTION, office))) });
  shares = ((await seat.createKeys({ section: '3' })) as { value: { shares: string[] } }).value.shares;
  booth = BoothService.start(nodeCrypto, { storePath: null, machineKeyPath: join(keys, 'K1.key'), officeKey: office.publicKey, consoleUrl: seat.url });
  await until(() => seat.getView().pendingBooths.length === 1);
  seat.pairBooth({ fingerprint: booth.getView().boothFingerprint, id: 'B1' });
  await until(() => booth.getView().state === 'confirming');
  booth.confirmConsole({ accept: true });
  await until(() => seat.getView().booths[0]?.zeroReport);
});
afterEach(async () => {
  booth.stop();
  await seat.stop();
});

const free = () => until(() => seat.getView().booths[0]?.state === 'idle' && !seat.getView().booths[0]?.session);

describe('the section roll', () => {
  it('names every bad line, field and reason', () => {
    const bad = 'number,surname,name,sex,category\n1,ROSSI,MARIA,X,IT\n1,VERDI,ANNA,F,IT\nzero,NERI,\u202EPAOLO,M,EU_EUROPEAN\n2,SOLO,M\n';
    expect(seat.importRoll({ file: 'lista.csv', text: bad })).toEqual({
      ok: false,
      error: [
        refusal('roll-sex', { file: 'lista.csv', line: 2, value: 'X' }),
        refusal('roll-number', { file: 'lista.csv', line: 4, number: 'zero' }),
        refusal('roll-field-text', { file: 'lista.csv', line: 4, field: 'name', problem: 'contains a bidirectional formatting character (U+202E) at position 0' }),
        refusal('roll-category-unused', { file: 'lista.csv', line: 4, category: 'EU_EUROPEAN' }),
        refusal('roll-fields', { file: 'lista.csv', line: 5, fields: 3, expected: 5, header: 'number, surname, name, sex, category' }),
      ],
    });
    expect(seat.importRoll({ file: 'lista.csv', text: 'numero;cognome\n' })).toEqual({ ok: false, error: [refusal('roll-header', { file: 'lista.csv', header: 'numero;cognome;nome;sesso;categoria', found: 'numero;cognome' })] });
  });

  it("reads the Italian column names of the office's spreadsheets, as the English ones", () => {
    const italian = ROLL.replace('number;surname;name;sex;category', 'Numero;Cognome;Nome;Sesso;Categoria');
    expect(seat.importRoll({ file: 'lista.csv', text: italian })).toEqual({ ok: true, value: { electors: 3 } });
    expect(seat.lookupVoter({ number: 3 })).toMatchObject({ ok: true, value: { surname: 'DE VITO; detto "GINO"', name: 'LUIGI', sex: 'M', category: 'EU_MUNICIPAL' } });
    expect(seat.importRoll({ file: 'altra.csv', text: 'numero;cognome;nome;sesso;categoria\n1;SOLO;M\n' })).toEqual({
      ok: false,
      error: [refusal('roll-fields', { file: 'altra.csv', line: 2, fields: 3, expected: 5, header: 'numero, cognome, nome, sesso, categoria' })],
    });
  });

  it('refuses a second vote, lets a walked-away voter come back, and stays out of the bundle', async () => {
    expect(seat.importRoll({ file: 'lista.csv', text: ROLL })).toEqual({ ok: true, value: { electors: 3 } });
    seat.openVoting();
    await free();
    const first = seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'F', voter: 1 });
    expect(first.ok).toBe(true);
    expect(seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'F', voter: 1 })).toEqual({ ok: false, error: refusal('at-booth', { who: 'ROSSI MARIA', number: 1 }) });
    await until(() => booth.getView().session);
    booth.castBallots({ session: booth.getView().session!.id, selections: { 'REF-2020-1': { answer: 'YES' }, 'COM-999001-2020': { blank: true } } });
    await free();
    expect(seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'F', voter: 1 })).toEqual({ ok: false, error: refusal('already-voted', { who: 'ROSSI MARIA', number: 1 }) });
    expect(seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'F', voter: 2 })).toEqual({ ok: false, error: refusal('roll-differs', { number: 2, category: 'IT', sex: 'M' }) });
    expect(seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'M', voter: 9 })).toEqual({ ok: false, error: refusal('not-on-roll', { number: 9 }) });

    // Voter 3 (an EU citizen) walks away; the president cancels; he may come back.
    const walked = seat.enableBooth({ booth: 'B1', category: 'EU_MUNICIPAL', sex: 'M', voter: 3 });
    expect(walked).toMatchObject({ ok: true, value: { contests: ['COM-999001-2020'] } });
    await until(() => booth.getView().session);
    seat.cancelSession({ session: (walked as { value: { session: string } }).value.session });
    await free();
    expect(seat.enableBooth({ booth: 'B1', category: 'EU_MUNICIPAL', sex: 'M', voter: 3 }).ok).toBe(true);
    await until(() => booth.getView().session);
    booth.castBallots({ session: booth.getView().session!.id, selections: { 'COM-999001-2020': { mayor: 'S2', list: null, preferences: [] } } });
    await free();

    seat.closeVoting();
    await until(() => seat.phase === 'closed' && seat.store.booths()[0]?.log);
    expect((await seat.count({ shares: shares.slice(0, 3) })).ok).toBe(true);
    const dir = join(mkdtempSync(join(tmpdir(), 'seggio-roll-')), 'bundle');
    expect((await seat.exportBundle({ dir })).ok).toBe(true);
    for (const file of readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
      const bytes = readFileSync(join(file.parentPath, file.name));
      for (const name of ['ROSSI', 'BIANCHI', 'DE VITO', 'GINO']) expect([file.name, bytes.includes(name)]).toEqual([file.name, false]);
    }
  });
});

describe('turnout for the Prefettura', () => {
  it("gives a recorded checkpoint's figures by contest and sex", async () => {
    seat.openVoting();
    await free();
    const { session } = (seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'M' }) as { value: { session: string } }).value;
    await until(() => booth.getView().session);
    booth.castBallots({ session, selections: { 'REF-2020-1': { answer: 'NO' }, 'COM-999001-2020': { blank: true } } });
    await until(() => seat.getView().sessions.cast === 1);
    expect(seat.turnoutReport({ checkpoint: 'C1' })).toEqual({ ok: false, error: refusal('checkpoint-not-recorded', { checkpoint: 'C1' }) });
    seat.recordTurnout({ checkpoint: 'C1' });
    expect(seat.turnoutReport({ checkpoint: 'C1' })).toEqual({
      ok: true,
      value:
        'cod_consultazione;cod_com;sezione;checkpoint;dt_com;vot_m;vot_f;vot_t\r\n' +
        'REF-2020-1;999001;3;C1;2020-09-20T12:00:00+02:00;1;0;1\r\n' +
        'COM-999001-2020;999001;3;C1;2020-09-20T12:00:00+02:00;1;0;1\r\n',
    });
  });
});
