import type { AssessmentRequest } from '../model/request-schema.js';
import type { Limits } from '../model/limits.js';
import type { Facts } from './facts.js';
import type { JurisdictionInForce } from '../model/vocabulary.js';
import { toHistoryFacts } from './history-facts.js';
import { toVeinFacts } from './vein-facts.js';
import { toSessionFacts } from './session-facts.js';
// Agent table (RULES.md v2): facts read from the agent table in force.
import { toAgentFacts } from './agent-facts.js';
import type { AgentsFile } from '../model/agents.js';
import shippedAgents from '../../rules/agents.json';
// foam and liquid content
import { toFoamFacts } from './foam-facts.js';

/**
 * Derives every fact the rules read from a valid request; pure and deterministic.
 * @param request - a valid request
 * @param limits - the limits in force
 * @param asOfDay - "today" as a day number (days since 1970-01-01)
 * @param jurisdiction - the jurisdiction in force
 * @param agents - the agent table in force (the rule set's, after any overlay); defaults to the shipped table
 * @returns the facts, with `sessionStatus` provisionally `not-planned` until the first stage has run
 */
export const toFacts = (
  request: AssessmentRequest,
  limits: Limits,
  asOfDay: number,
  jurisdiction: JurisdictionInForce = 'strictest',
  agents: AgentsFile = shippedAgents as AgentsFile,
): Facts => ({
  // One literal with spreads: V8 keeps its 130-odd properties in fast mode, which later reads and
  // copies need (Object.assign into one object gives dictionary mode, five times slower to copy).
  limits,
  jurisdiction,
  ...toHistoryFacts(request, limits, jurisdiction),
  ...toVeinFacts(request, limits, asOfDay, jurisdiction),
  ...toSessionFacts(request, limits, asOfDay),
  ...toAgentFacts(request, limits, agents, jurisdiction),
  // foam and liquid content
  ...toFoamFacts(request, limits, jurisdiction),
  sessionStatus: 'not-planned',
});
