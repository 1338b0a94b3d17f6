// One fast-check seed per test run (property tests), chosen here once, printed, and given to
// every test file (fast-check-global.mjs), so that a failure is drawn again with SEGGIO_FC_SEED=<seed>.
export default function setup({ provide }) {
  const given = process.env.SEGGIO_FC_SEED;
  const seed = given !== undefined && /^-?\d+$/.test(given) ? Number(given) : Math.floor(Math.random() * 2 ** 31);
  if (given !== undefined && String(seed) !== given.trim()) throw new Error(`SEGGIO_FC_SEED=${given}: not an integer`);
  console.log(`fast-check seed: ${seed} (SEGGIO_FC_SEED=${seed} draws the same cases again)`);
  provide('fastCheckSeed', seed);
}
