export { runVignettes, runVignette, type RunVignettesOptions, type VignetteReport, type VignetteResult, type VignetteCoverage } from './vignettes/run.js';
export { loadVignettes, type LoadedVignette, type LoadedVignetteFile, type LoadVignettesOptions } from './vignettes/load.js';
export { describeVignettes, type DescribeVignettesOptions } from './vignettes/describe-vignettes.js';
export { formatVignetteReport, formatVignetteResult, formatVignetteIssues } from './vignettes/format.js';
export type { VignetteFailure, ExpectationName } from './vignettes/check.js';
export type { VignetteIssue, VignetteIssues } from './vignettes/issues.js';
export {
  VignetteFileSchema,
  VignetteSchema,
  VignetteExpectationSchema,
  type VignetteFile,
  type Vignette,
  type VignetteExpectation,
} from './vignettes/schema.js';
export { requestArbitrary, priorSessionArbitrary, priorSessionsArbitrary, jurisdictionArbitrary, PLANNED_DATE, type RequestArbitraryOptions } from './arbitraries.js';
export { RISK_FACTORS, ABSOLUTE_CONTRAINDICATIONS, cleanHistory, cleanPatient, type RiskFactor } from './risk-factors.js';
export {
  checkNoApprovalWithOpenProblem,
  checkHoldsExplained,
  checkCaps,
  checkAftercare,
  checkInvariants,
  isApproved,
  checkAssessmentInvariants,
  checkApprovedWithinLimits,
  checkVaricoseBeforeSpider,
  checkContraindicationsExclude,
  checkUndocumentedContraindications,
  checkExplanations,
  statusRank,
  sessionRank,
} from './invariants.js';
export {
  checkUndocumentedNeverSaferForSession,
  checkUndocumentedNeverSafer,
  checkRiskFactorsNeverHelp,
  isInUndocumentedScope,
  UNDOCUMENTED_FIELDS,
  type UndocumentedField,
  type UndocumentedOptions,
} from './comparison-checks.js';
