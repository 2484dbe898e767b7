// The vocabularies and names of the contract, free of zod and of any work at import time: a
// bundle that imports only these from the package stays a few kilobytes.
export {
  AGENTS,
  VEIN_KINDS,
  CATEGORIES,
  EFFECTS,
  SEVERITIES,
  STATUSES,
  SESSION_STATUSES,
  type Agent,
  type VeinKind,
  type Category,
  type Effect,
  type Severity,
  type Status,
  type SessionStatus,
} from './model/vocabulary.js';
export { LIMIT_NAMES, type LimitName } from './model/limit-names.js';
export { OPERATORS } from './rules/operators.js';
export { UNDOCUMENTED } from './facts/undocumented.js';
