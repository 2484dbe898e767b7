export { assess, assessSync, assessOrThrow, type AssessOptions } from './assess.js';
export type { RuleEvaluator, FiredRule, EvaluatedNode, EvaluatedLeaf } from './engine/evaluated.js';
export { AssessmentRequestSchema, IsoDateSchema } from './model/request-schema.js';
export type { AssessmentRequest, Vein, PlannedSession, PriorSession } from './model/request-schema.js';
export { parseRequest } from './model/parse-request.js';
export type {
  Assessment,
  Finding,
  Evidence,
  Citation,
  AppliedLimit,
  OverlayIdentity,
  SessionTotals,
  SessionLimits,
  AssessedVein,
  VeinFate,
  OverlayChange,
} from './model/assessment.js';
export { VEIN_FATES, OVERLAY_CHANGES } from './model/assessment.js';
export { RulesError, isRulesError, formatPath, type Issue, type Issues, type IssuePath } from './model/issues.js';
export * from './constants.js';
export type { Limits, LimitDefinition } from './model/limits.js';
export { defaultRuleSet } from './rules/default-rule-set.js';
export { loadRuleSet, type RuleSetOptions } from './rules/load-rule-set.js';
export { applyOverlay } from './rules/apply-overlay.js';
export { OverlaySchema, type Overlay } from './rules/overlay-schema.js';
export { lintRuleSet, type LintFile, type LintOptions, type LintDiagnostic, type LintSeverity } from './rules/lint-rule-set.js';
export { describeRuleSet } from './rules/describe-rules.js';
export type { RuleSet, RuleDefinition, Source } from './rules/rule-set.js';
export { RuleFileSchema, type RuleFile, type FindingParams } from './rules/rule-file-schema.js';
export { FACT_CATALOGUE, type FactDescription } from './facts/fact-catalogue.js';
export type { Facts, FactName } from './facts/facts.js';
export { toFacts } from './facts/to-facts.js';
export { formatAssessment, type FormatOptions, type Detail } from './format/index.js';
