/** Sclerosing agents the library knows. */
export const AGENTS = ['polidocanol', 'sodium-tetradecyl-sulfate', 'hypertonic-saline', 'glycerin'] as const;
/** A sclerosing agent. */
export type Agent = (typeof AGENTS)[number];

/** Kinds of vein, smallest first. */
export const VEIN_KINDS = ['telangiectasia', 'reticular', 'varicose'] as const;
/** A kind of vein. */
export type VeinKind = (typeof VEIN_KINDS)[number];

/** Body regions a vein can be in. */
export const REGIONS = ['leg', 'hand', 'chest', 'face', 'other'] as const;
/** Sides of the body. */
export const SIDES = ['left', 'right'] as const;
/** A side of the body. */
export type Side = (typeof SIDES)[number];

/** Finding categories. */
export const CATEGORIES = [
  'candidacy',
  'contraindication',
  'precaution',
  'ordering',
  'dose',
  'aftercare',
  'counselling',
  'screening',
] as const;
/** A finding category. */
export type Category = (typeof CATEGORIES)[number];

/** Finding effects, strongest first. */
export const EFFECTS = [
  'exclude',
  'block-session',
  'defer-veins',
  'refer',
  'require-information',
  'hold-session',
  'caution',
  'inform',
] as const;
/** A finding effect. */
export type Effect = (typeof EFFECTS)[number];

/** Severities, strongest first; the same words as CDS Hooks card indicators. */
export const SEVERITIES = ['critical', 'warning', 'info'] as const;
/** A finding severity. */
export type Severity = (typeof SEVERITIES)[number];

/** Candidacy statuses, from best to worst. */
export const STATUSES = [
  'candidate',
  'candidate-with-precautions',
  'insufficient-information',
  'refer',
  'not-candidate',
] as const;
/** A candidacy status. */
export type Status = (typeof STATUSES)[number];

/** Session statuses, from best to worst; `not-planned` when no session is proposed. */
export const SESSION_STATUSES = ['not-planned', 'approved', 'approved-with-deferrals', 'held', 'blocked'] as const;
/** A session status. */
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** What a rule's finding is about: the whole patient, or only the veins it names (CONTRACT §4.3). */
export const SCOPES = ['patient', 'targets'] as const;
/** A rule scope. */
export type Scope = (typeof SCOPES)[number];

/** Why a `hold-session` rule holds the session (CONTRACT §4.3). */
export const HOLD_REASONS = ['deferred-treatment', 'decision-required'] as const;
/** A hold reason of a `hold-session` rule. */
export type HoldReason = (typeof HOLD_REASONS)[number];

/** Why a session is held: the hold reasons of rules, plus missing information and pending referrals. */
export const HOLD_KINDS = ['unconfirmed', 'referral', ...HOLD_REASONS] as const;
/** The reason of one hold. */
export type HoldKind = (typeof HOLD_KINDS)[number];

/** Jurisdictions whose product labels can decide label-specific items (CONTRACT §2). */
export const JURISDICTIONS = ['US', 'EU'] as const;
/** A jurisdiction. */
export type Jurisdiction = (typeof JURISDICTIONS)[number];
/** The jurisdiction in force: one of them, or the strictest of both when none is chosen. */
export type JurisdictionInForce = Jurisdiction | 'strictest';
