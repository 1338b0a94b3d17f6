// A general election day for the tests: Camera, Senato and European ballots (no fixture has them).
import type { Election } from '../src/index.js';
import { loadElection } from './fixtures.js';

const SURNAMES = ['ROSSI', 'BIANCHI', 'FERRARI', 'ESPOSITO', 'ROMANO', 'COLOMBO', 'RICCI', 'MARINO', 'GRECO', 'BRUNO', 'GALLI', 'CONTI'];
const NAMES = { M: ['MARCO', 'LUCA', 'PAOLO'], F: ['GIULIA', 'ANNA', 'SARA'] } as const;

const person = (id: string, i: number) => {
  const sex = i % 2 === 0 ? 'M' : 'F';
  return { id, surname: SURNAMES[i % SURNAMES.length]!, name: `${NAMES[sex][i % 3]!} ${id}`, sex } as const;
};
const list = (id: string, candidates: number) => ({
  id,
  name: `Lista ${id}`,
  symbol: null,
  candidates: Array.from({ length: candidates }, (_, i) => person(`${id}-C${i + 1}`, i + id.length)),
});

export function politiche(): Election {
  const base = loadElection('referendum-2020');
  const parliament = (type: 'camera' | 'senato', prefix: string) => ({
    id: `${prefix}-2022`,
    type,
    title: `Elezione della ${type === 'camera' ? 'Camera dei deputati' : 'Senato della Repubblica'}`,
    colour: type === 'camera' ? '#f4c2c2' : '#fdf5b0',
    eligibility: ['IT' as const],
    candidates: [
      { ...person(`${prefix}-U1`, 0), lists: [`${prefix}-L1`, `${prefix}-L2`] },
      { ...person(`${prefix}-U2`, 1), lists: [`${prefix}-L3`] },
      { ...person(`${prefix}-U3`, 2), lists: [`${prefix}-L4`, `${prefix}-L5`, `${prefix}-L6`] },
    ],
    lists: [1, 2, 3, 4, 5, 6].map((i) => list(`${prefix}-L${i}`, 4)),
  });
  return {
    ...base,
    id: '2024-politiche-test',
    training: true,
    contests: [
      parliament('camera', 'CAM'),
      parliament('senato', 'SEN'),
      {
        id: 'EU-2024',
        type: 'european',
        title: 'Elezione dei membri del Parlamento europeo spettanti all\'Italia',
        colour: '#d9c2e8',
        eligibility: ['IT', 'EU_EUROPEAN'],
        constituency: 'Italia nord-occidentale',
        rules: { maxPreferences: 3, preferencesMixedSex: true },
        lists: [1, 2, 3, 4, 5].map((i) => list(`EU-L${i}`, 6)),
      },
    ],
    scrutinyOrder: ['EU-2024', 'SEN-2022', 'CAM-2022'],
    sections: [{ id: '12', name: 'Sezione 12', electors: { IT: { M: 400, F: 420 }, EU_EUROPEAN: { M: 10, F: 12 } }, booths: 3 }],
  };
}
