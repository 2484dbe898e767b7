import type { Agent } from '../../model/vocabulary.js';
import { matchesConcept } from './code-match.js';
import type { Coding } from './json.js';

// The sclerosants the adapter can recognise, each with its code list under codes/.
const SCLEROSANTS: readonly { readonly agent: Agent; readonly concept: 'polidocanol' | 'sodium-tetradecyl-sulfate' }[] = [
  { agent: 'polidocanol', concept: 'polidocanol' },
  { agent: 'sodium-tetradecyl-sulfate', concept: 'sodium-tetradecyl-sulfate' },
];

/**
 * Tells which sclerosants codings or texts name: polidocanol or sodium tetradecyl sulfate, by ATC
 * code or by a substance or brand name in the text (no RxNorm or SNOMED CT code could be verified).
 * @param codings - the codings
 * @param texts - the texts and displays
 * @returns the agents named: none, one, or both
 */
export const sclerosantsNamed = (codings: readonly Coding[], texts: readonly string[]): readonly Agent[] =>
  SCLEROSANTS.filter((s) => matchesConcept(s.concept, codings, texts)).map((s) => s.agent);
