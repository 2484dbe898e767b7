import * as z from 'zod';
import {
  CATEGORIES,
  EFFECTS,
  HOLD_KINDS,
  HOLD_REASONS,
  JURISDICTIONS,
  SCOPES,
  SESSION_STATUSES,
  SEVERITIES,
  STATUSES,
} from './vocabulary.js';

/**
 * The longest finding summary: one line under 140 characters, so that it is a valid CDS Hooks card
 * summary as it stands ("<140-character summary", CDS Hooks 2.0) and within CONTRACT §4.6's 140.
 * A contract value, not an overlay limit.
 */
export const MAX_SUMMARY_CHARS = 139;

const text = z.string().min(1);
const quantity = z.number().min(0);

/** One condition that made a rule fire: the fact, how it was compared, and both values. */
export const EvidenceSchema = z.object({
  /** The fact the condition read, e.g. `plannedVolumeMl`: for machines, not for display. */
  fact: text,
  /** The json-rules-engine operator, e.g. `greaterThan`. */
  operator: text,
  /** The value the fact was compared with (a limit's value when the rule reads a limit). */
  expected: z.unknown(),
  /** The patient's value, computed from this request. */
  actual: z.unknown(),
  /** Where `expected` came from when it is another fact, e.g. `limits.maxVolumeMl`. */
  expectedFrom: z.string().optional(),
  /** What the fact means, in clinical words: what the CLI and cards show. */
  about: z.string().optional(),
  /** The request field the fact reads, when it is one field. */
  requestPath: z.string().optional(),
});
/** One condition that made a rule fire. */
export type Evidence = z.infer<typeof EvidenceSchema>;

/** A citation behind a finding: a descriptive label and, where one exists, an https address. */
export const CitationSchema = z.object({
  label: text,
  url: z.string().optional(),
  /** The part of the source cited (e.g. "§2"), already at the end of `label`; lets a report cite one source once. */
  locator: z.string().optional(),
});
/** A citation behind a finding. */
export type Citation = z.infer<typeof CitationSchema>;

/** One limit a finding applies, with its value in force. */
export const AppliedLimitSchema = z.object({
  name: text,
  value: z.number(),
  unit: z.string(),
  /** The default value, when a clinic overlay changed it. */
  baseValue: z.number().optional(),
  /** The overlay that changed it, as "name version". */
  changedBy: z.string().optional(),
});
/** One limit a finding applies. */
export type AppliedLimit = z.infer<typeof AppliedLimitSchema>;

/** Who made a clinic overlay and who approved it. */
export const OverlayIdentitySchema = z.object({
  name: z.string(),
  version: z.string(),
  approvedBy: z.string(),
  approvedOn: z.string().optional(),
});
/** Who made a clinic overlay and who approved it. */
export type OverlayIdentity = z.infer<typeof OverlayIdentitySchema>;

/** What a clinic overlay changed about a finding's rule: a limit it applies, its wording, its weight, or the whole rule. */
export const OVERLAY_CHANGES = ['limit', 'agent-table', 'summary', 'detail', 'resolution', 'effect', 'severity', 'scope', 'hold-reason', 'sources', 'added-rule'] as const;
/** One kind of change a clinic overlay made. */
export type OverlayChange = (typeof OVERLAY_CHANGES)[number];

/** One explained result of a rule that fired (CONTRACT §4.1). */
export const FindingSchema = z.object({
  ruleId: text,
  category: z.enum(CATEGORIES),
  effect: z.enum(EFFECTS),
  severity: z.enum(SEVERITIES),
  /** The rule's scope, given when it is `targets` (CONTRACT §4.3). */
  scope: z.enum(SCOPES).optional(),
  /** For `hold-session` findings: why the session is held. */
  holdReason: z.enum(HOLD_REASONS).optional(),
  /** One line under 140 characters, with no patient identifiers. */
  summary: text,
  /** Why the rule fired, naming the patient's actual values. */
  detail: z.string(),
  evidence: z.array(EvidenceSchema).readonly(),
  sources: z.array(CitationSchema).readonly(),
  /** For warnings and critical findings: what would change this finding. */
  resolution: z.string().optional(),
  /** The veins the finding is about. */
  veinIds: z.array(z.string()).readonly().optional(),
  /** The request paths this finding asks a clinician to document. */
  unconfirmed: z.array(z.string()).readonly().optional(),
  /** The limits the rule applies, with the values in force. */
  limits: z.array(AppliedLimitSchema).readonly().optional(),
  /** The clinic overlay that changed this finding's rule or a limit it applies, as "name version". */
  changedBy: z.string().optional(),
  /** What that overlay changed. */
  overlayChanges: z.array(z.enum(OVERLAY_CHANGES)).readonly().optional(),
});
/** One explained result of a rule that fired. */
export type Finding = z.infer<typeof FindingSchema>;

/** What must be documented, decided or waited for before the planned session can go ahead. */
export const HoldSchema = z.object({
  /** The finding that holds. */
  ruleId: text,
  reason: z.enum(HOLD_KINDS),
  /** Reason `unconfirmed`: the request paths to document. */
  paths: z.array(z.string()).readonly().optional(),
  /** Target-scoped findings: the targets they hold. */
  veinIds: z.array(z.string()).readonly().optional(),
  /** What would release the hold: the finding's resolution. */
  resolution: z.string(),
});
/** One hold on the planned session. */
export type Hold = z.infer<typeof HoldSchema>;

/** Totals of the planned session and of its calendar day (CONTRACT §4.1); all 0 with no plan. */
export const SessionTotalsSchema = z.object({
  /** The volume injected: liquid, or foam for foam. */
  volumeMl: quantity,
  /** Liquid content of the planned session (upper estimate when estimated). */
  liquidVolumeMl: quantity,
  /** The foam volume injected; 0 for liquid. */
  foamVolumeMl: quantity,
  /** True when a liquid figure rests on an assumed foam ratio. */
  liquidVolumeEstimated: z.boolean(),
  containers: quantity,
  /** Containers as 2 mL equivalents. */
  containerEquivalents: quantity,
  /** Planned plus earlier sessions on the planned date, liquid content (upper estimates). */
  dailyLiquidVolumeMl: quantity,
  /** Planned plus earlier sessions on the planned date, foam volume. */
  dailyFoamVolumeMl: quantity,
  /** Kept from version 1: the volume injected plus earlier sessions' volumes on the planned date. */
  dailyVolumeMl: quantity,
  polidocanolMg: quantity.optional(),
  polidocanolMgPerKg: quantity.optional(),
  dailyPolidocanolMg: quantity.optional(),
  dailyPolidocanolMgPerKg: quantity.optional(),
});
/** Totals of the planned session and of its day. */
export type SessionTotals = z.infer<typeof SessionTotalsSchema>;

/** The caps in force for this request, after any overlay and jurisdiction. */
export const SessionLimitsSchema = z.object({
  maxVolumeMl: quantity,
  maxFoamVolumeMl: quantity,
  maxContainers: quantity,
  maxPolidocanolMg: quantity.optional(),
});
/** The caps in force for this request. */
export type SessionLimits = z.infer<typeof SessionLimitsSchema>;

/** The rule set an assessment used. */
export const RuleSetInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** When the clinical content was last reviewed, and by whom. */
  reviewedOn: z.string().optional(),
  reviewedBy: z.string().optional(),
  overlay: OverlayIdentitySchema.optional(),
});

/** What becomes of a vein today: treated today, deferred, held, a target of a blocked session, documented but not targeted, or treated before. */
export const VEIN_FATES = ['treat', 'deferred', 'held', 'blocked', 'untreated', 'treated'] as const;
/** What becomes of a vein today. */
export type VeinFate = (typeof VEIN_FATES)[number];

/** A vein of the request as the views draw and name it. */
export const AssessedVeinSchema = z.object({
  id: text,
  /** Its name for clinicians: its label, else kind, side and region. */
  name: text,
  kind: z.string(),
  region: z.string(),
  side: z.enum(['left', 'right']).optional(),
  fate: z.enum(VEIN_FATES),
});
/** A vein of the request as the views draw and name it. */
export type AssessedVein = z.infer<typeof AssessedVeinSchema>;

/** The result of assessing one request (CONTRACT §4.1). */
export const AssessmentSchema = z.object({
  status: z.enum(STATUSES),
  session: z.object({
    status: z.enum(SESSION_STATUSES),
    holds: z.array(HoldSchema).readonly(),
    heldVeinIds: z.array(z.string()).readonly(),
    deferredVeinIds: z.array(z.string()).readonly(),
    totals: SessionTotalsSchema,
    limits: SessionLimitsSchema,
  }),
  /** Critical first, then warning, then info; ties by rule id. */
  findings: z.array(FindingSchema).readonly(),
  /** Request paths of undocumented facts a clinician should document. */
  unconfirmed: z.array(z.string()).readonly(),
  ruleSet: RuleSetInfoSchema,
  /** The date used as "today". */
  asOf: z.string(),
  /** The jurisdiction whose labels decided label-specific items. */
  jurisdiction: z.union([z.enum(JURISDICTIONS), z.literal('strictest')]),
  /** Every vein of the request, named, with what becomes of it today (for reports and the leg diagram). */
  veins: z.array(AssessedVeinSchema).readonly().optional(),
});
/** The result of assessing one request. */
export type Assessment = z.infer<typeof AssessmentSchema>;
