import { AGENT_WORDS } from '../../model/agent-words.js';
import type { Agent } from '../../model/vocabulary.js';
import { matchesConcept } from './code-match.js';
import type { Concept } from './codes.js';
import type { Coding } from './json.js';

// The sclerosants the adapter can recognise, each with its code list under codes/.
const SCLEROSANTS: readonly { readonly agent: Agent; readonly concept: Concept }[] = [
  { agent: 'polidocanol', concept: 'polidocanol' },
  { agent: 'sodium-tetradecyl-sulfate', concept: 'sodium-tetradecyl-sulfate' },
  { agent: 'hypertonic-saline', concept: 'hypertonic-saline' },
  { agent: 'glycerin', concept: 'glycerin' },
];

/**
 * Tells which sclerosants codings or texts name: polidocanol or sodium tetradecyl sulfate by ATC
 * code or by a substance or brand name in the text (no RxNorm or SNOMED CT code could be
 * verified); hypertonic saline ("hypertonic saline", "sodium chloride 23.4%") and glycerin
 * (glycerin, chromated glycerin, Scleremo) by name only, as no code for them could be verified.
 * @param codings - the codings
 * @param texts - the texts and displays
 * @returns the agents named: none, one, or several
 */
export const sclerosantsNamed = (codings: readonly Coding[], texts: readonly string[]): readonly Agent[] =>
  SCLEROSANTS.filter((s) => matchesConcept(s.concept, codings, texts)).map((s) => s.agent);

/**
 * Tells whether texts name a sclerosant without saying which ("sclerosant", "sclerotherapy").
 * @param codings - the codings
 * @param texts - the texts and displays
 * @returns true when they do
 */
export const namesUnspecifiedSclerosant = (codings: readonly Coding[], texts: readonly string[]): boolean =>
  matchesConcept('sclerosant-unspecified', codings, texts);

/** A readable name of each agent, for gap messages, from the agent table. */
export const AGENT_NAMES: Readonly<Record<Agent, string>> = AGENT_WORDS;
