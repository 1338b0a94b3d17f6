// One German word for one thing, on every screen and in the auditor's report the same: the section's
// board (the Italian "seggio") is the Sprengelwahlbehörde and its president the Vorsitzende, the
// Comune's office ("ufficio elettorale") the Wahlamt, a machine a Gerät, a digest a Fingerabdruck.
// Read from every catalogue with German in it (ballot-core's words come in through the console's and
// the report's), each entry beside the Italian of the same key.
import { describe, expect, it } from 'vitest';
import { ENROLMENT_CATALOGUES } from '../../apps/booth/src/renderer/enrolment-i18n.js';
import { VERIFY_WORDS } from '../../apps/cli/src/verify/words.js';
import { CATALOGUES as BOOTH } from '../../apps/booth/src/renderer/i18n.js';
import { CATALOGUES as OFFICE } from '../../apps/office/src/renderer/i18n.js';
import { PREPARATION_CATALOGUES } from '../../apps/office/src/renderer/preparation-i18n.js';
import { PAGE_TEXT } from '../../apps/office/src/service/page.js';
import { CATALOGUES as CONSOLE } from '../../apps/seat-console/src/renderer/i18n.js';

type Catalogue = Readonly<Record<string, unknown>>;
const SCREENS: readonly [string, Catalogue, Catalogue][] = [
  ['booth', BOOTH.it, BOOTH.de],
  ['booth enrolment', ENROLMENT_CATALOGUES.it, ENROLMENT_CATALOGUES.de],
  ['console', CONSOLE.it, CONSOLE.de],
  ['office', OFFICE.it, OFFICE.de],
  ['office preparation', PREPARATION_CATALOGUES.it, PREPARATION_CATALOGUES.de],
  ['public page', PAGE_TEXT.it, PAGE_TEXT.de],
  ['seggio verify', VERIFY_WORDS.it, VERIFY_WORDS.de],
];

/** Words given up for the ones above, as stems in any case, inside compounds too, and spelt without umlauts. */
const GIVEN_UP = /maschine|wahlb(ü|ue)ro|wahlvorstand|vorsteher|hashwert|probewahl/i;
/** The Italian names the section's board; the product's own name ("Seggio: …") is not it. */
const SEGGIO = /\bseggio\b/i;
const italianOf = (text: string) => text.replace(/^Seggio\b/, '');

/** Each key's Italian and German, as texts (a phrase made by a function is said with placeholders). */
function pairs(it: Catalogue, de: Catalogue): { key: string; it: string; de: string }[] {
  const text = (value: unknown): string => (typeof value === 'function' ? String((value as (...a: string[]) => unknown)('{a}', '{b}')) : typeof value === 'string' ? value : JSON.stringify(value));
  return Object.keys(de).map((key) => ({ key, it: text(it[key]), de: text(de[key]) }));
}

describe('the German of every screen', () => {
  it('does not use the words it gave up: Maschine, Wahlbüro, Wahlvorstand, Vorsteher, Hashwert, Probewahl', () => {
    const found = SCREENS.flatMap(([screen, it, de]) => pairs(it, de).filter((p) => GIVEN_UP.test(p.de)).map((p) => `${screen} ${p.key}: ${p.de}`));
    expect(found).toEqual([]);
    // Caught in a compound and spelt without an umlaut too.
    expect(['kein Wahlmaschinenzertifikat', 'des Sprengelwahlvorstands', 'Wahlbueros'].filter((t) => GIVEN_UP.test(t))).toHaveLength(3);
  });

  it('calls the section\'s board the Sprengelwahlbehörde, never the Wahlamt, which is the Comune\'s office', () => {
    const found = SCREENS.flatMap(([screen, it, de]) =>
      pairs(it, de)
        .filter((p) => {
          const board = SEGGIO.test(italianOf(p.it));
          const office = /ufficio elettorale/i.test(p.it);
          return (board && !office && /wahlamt/i.test(p.de)) || (office && !board && /sprengelwahlbehörde/i.test(p.de));
        })
        .map((p) => `${screen} ${p.key}: ${p.it} / ${p.de}`),
    );
    expect(found).toEqual([]);
    // The rule reads what it is meant to: the console's set-up is the board's, its signature check the office's.
    expect(CONSOLE.de['phase.setup']).toContain('Sprengelwahlbehörde');
    expect(CONSOLE.de['keys.verified']).toContain('Wahlamt');
  });
});
