// The office writes its times in the zone of its own election, whatever it is: its staff's view names
// that zone, the staff's screen writes each time at its hour there, and the signed package's summary
// says when it was signed there. With Europe/London beside Europe/Rome, so that a zone taken from
// anywhere else than the election shows.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseElection, type Election } from '@seggio/ballot-core';
import { nodeCrypto } from '@seggio/crypto/node';
import { Office } from '@seggio/office';
import { afterAll, describe, expect, it } from 'vitest';
import { timeIn } from '../../apps/office/src/renderer/i18n.js';
import { summaryPdf } from '../../apps/office/src/service/summary-pdf.js';
import { pdfText } from '../support/pdf.js';
import { officeElection } from './sections.js';

const dir = mkdtempSync(join(tmpdir(), 'seggio-office-zone-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The test election in London: its checkpoints at London's hours, one hour behind Rome's in September. */
const london = officeElection({
  sections: ['1'],
  edit: (e: Election) => {
    e.timezone = 'Europe/London';
    for (const c of e.turnoutCheckpoints) c.at = c.at.replace(/T(\d\d)(.*)\+02:00$/, (_m, h: string, rest: string) => `T${String(Number(h) - 1).padStart(2, '0')}${rest}+01:00`);
  },
});

describe("the office's times", () => {
  it("are written on the staff's screen at the hour of the election's zone, which they name, in each language", () => {
    const at = '2020-09-20T10:00:05.000Z';
    expect(timeIn(at, 'it', 'Europe/Rome')).toBe('20/09/2020, 12:00:05 CEST');
    expect(timeIn(at, 'de', 'Europe/Rome')).toBe('20.09.2020, 12:00:05 MESZ');
    expect(timeIn(at, 'en', 'Europe/Rome')).toBe('20/09/2020, 12:00:05 CEST');
    expect(timeIn(at, 'it', 'Europe/London')).toBe('20/09/2020, 11:00:05 GMT+1');
    // What cannot be written so is shown as it came, rather than stopping the screen.
    expect(timeIn('soon', 'it', 'Europe/Rome')).toBe('soon');
    expect(timeIn(at, 'it', 'Europe/Roma')).toBe(at);
  });

  it("are the election's zone in the staff's view, and in the summary of the package signed", async () => {
    const office = await Office.start(nodeCrypto, { storePath: null, electionBytes: london, key: nodeCrypto.generateSigningKeyPair() });
    try {
      expect(office.view().timeZone).toBe('Europe/London');
    } finally {
      await office.close();
    }
    const parsed = parseElection(london);
    if (!parsed.ok) throw new Error('the election does not parse');
    const file = join(dir, 'riepilogo.pdf');
    writeFileSync(file, await summaryPdf({ election: parsed.value, digest: nodeCrypto.sha256Hex(london), rules: [], signer: 'AB12', signedAt: new Date('2020-09-19T10:00:05Z') }));
    const text = pdfText(file).replace(/\s+/g, ' ');
    expect(text).toContain('impronta AB12, il 19/09/2020 alle 11:00:05 GMT+1');
    // The checkpoints at the hours written, which are London's.
    expect(text).toContain('Rilevazioni dell\'affluenza: 20/09/2020 alle 11:00');
  });
});
