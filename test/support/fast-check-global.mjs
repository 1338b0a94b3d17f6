// Every fc.assert and fc.sample of a test file draws from the run's seed (fast-check-seed.mjs).
import fc from 'fast-check';
import { inject } from 'vitest';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: inject('fastCheckSeed') });
