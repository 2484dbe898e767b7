// The agents in words and whether they foam, read from the shipped agent table (rules/agents.json),
// so that adding an agent is a change to the vocabulary and the table, not to the code. Overlays
// change only the table's numbers, never these, so the shipped table is the one to read.
import shippedAgents from '../../rules/agents.json';
import { AGENTS, type Agent } from './vocabulary.js';

/** What text and the adapters need of each agent; a vocabulary agent missing from the table fails to compile. */
const AGENT_NAMING: Readonly<Record<Agent, { readonly words: string; readonly foamable: boolean }>> = shippedAgents;

/** Each agent in words, as text names it, e.g. `sodium tetradecyl sulfate`. */
export const AGENT_WORDS: Readonly<Record<Agent, string>> = Object.fromEntries(
  AGENTS.map((agent) => [agent, AGENT_NAMING[agent].words]),
) as Record<Agent, string>;

/**
 * Tells whether an agent can be made into foam (only detergents can).
 * @param agent - the agent
 * @returns true for a foamable agent
 */
export const isFoamable = (agent: Agent): boolean => AGENT_NAMING[agent].foamable;
