// Every code of the package builder, of enrolment and of the office's preparation has its words in Italian
// and English, naming only figures the code carries, and the file, line and column wherever it has them.
import { describe, expect, it } from 'vitest';
import { BUILD_CODES, ENROL_CODES } from '@seggio/cli/codes';
import { PREPARATION_CODES } from '../src/shared/preparation.js';
import { explainPreparation, PREPARATION_CATALOGUES, prepareTranslator } from '../src/renderer/preparation-i18n.js';

const CODES: Record<string, readonly string[]> = { ...BUILD_CODES, ...ENROL_CODES, ...PREPARATION_CODES };
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))];

describe('the preparation catalogue', () => {
  it('has the keys of the Italian in every language, each with the figures of the Italian', () => {
    for (const [language, catalogue] of Object.entries(PREPARATION_CATALOGUES)) {
      expect(Object.keys(catalogue).sort(), language).toEqual(Object.keys(PREPARATION_CATALOGUES.it).sort());
      for (const [key, text] of Object.entries(PREPARATION_CATALOGUES.it)) expect(placeholders(catalogue[key as keyof typeof catalogue]).sort(), `${language} ${key}`).toEqual(placeholders(text).sort());
    }
  });

  it.each(Object.keys(CODES))('%s is worded in every language with its own figures', (code) => {
    const params = CODES[code]!;
    for (const [language, catalogue] of Object.entries(PREPARATION_CATALOGUES)) {
      const text = (catalogue as Record<string, string | undefined>)[`code.${code}`];
      expect(text, `${language} code.${code}`).toBeTruthy();
      for (const name of placeholders(text!)) expect(params, `${language} code.${code} {${name}}`).toContain(name);
      for (const place of ['file', 'line', 'column']) if (params.includes(place)) expect(text, `${language} code.${code}`).toContain(`{${place}}`);
    }
  });

  it('words a problem of a cell with its file, line and column, in Italian', () => {
    expect(explainPreparation(prepareTranslator('it'), { code: 'cell-formula', params: { file: 'liste.csv', line: '3', column: 'nome', value: '=1+1' } })).toBe(
      'liste.csv, riga 3, colonna «nome»: «=1+1» verrebbe eseguito come formula da un foglio di calcolo; una cella non può iniziare con =, +, -, @ o una tabulazione.',
    );
  });
});
