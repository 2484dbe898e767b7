import { it } from 'vitest';
import { checkGenerated } from './evaluators.js';

// A new seed each run widens the search over runs; the seed is in the test's name and in any failure.
const seed = Math.floor(Math.random() * 2 ** 31);

it(`compiled and json-rules-engine evaluation agree on 5,000 generated requests from the random seed ${seed}`, () => checkGenerated(seed, 5000));
