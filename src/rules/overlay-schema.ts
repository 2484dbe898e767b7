import * as z from 'zod';
import { EFFECTS, HOLD_REASONS, SCOPES, SEVERITIES } from '../model/vocabulary.js';
import { IsoDateSchema } from '../model/request-schema.js';
import { SourcesFileSchema, TextTemplateSchema } from './rule-file-schema.js';

/** A clinic's change to one limit: a stricter value, with the clinic's own source for it. */
export const LimitChangeSchema = z.strictObject({
  value: z.number().nonnegative(),
  sources: z.array(z.string().min(1)).min(1),
  note: z.string().min(1).optional(),
});

/** A clinic's change to one rule: its wording, a stronger effect or severity, more sources. */
export const RuleChangeSchema = z.strictObject({
  summary: z.string().min(1).optional(),
  detail: TextTemplateSchema.optional(),
  resolution: TextTemplateSchema.optional(),
  effect: z.enum(EFFECTS).optional(),
  severity: z.enum(SEVERITIES).optional(),
  /** Only from `targets` to `patient`: a clinic may widen a rule's hold to the whole session, never narrow it. */
  scope: z.enum(SCOPES).optional(),
  /** Required when the change makes the rule hold the session. */
  holdReason: z.enum(HOLD_REASONS).optional(),
  addSources: z.array(z.string().min(1)).min(1).optional(),
});

/**
 * A clinic overlay: the clinic's name, version and approver, and what it changes on top of the
 * default rules. It may tighten limits, lower agent-table cells, add rules and sources, reword rules, strengthen them, and
 * turn off purely informational rules; it may never loosen or remove anything that protects a patient.
 */
export const OverlaySchema = z.strictObject({
  name: z.string().min(1),
  version: z.string().min(1),
  approvedBy: z.string().min(1),
  approvedOn: IsoDateSchema.optional(),
  description: z.string().min(1).optional(),
  limits: z.record(z.string(), LimitChangeSchema).optional(),
  /**
   * Lower values for cells of the agent table, by cell name, e.g.
   * `polidocanol.liquid.telangiectasia.perInjectionLaterMl` (a leading `agents.` may be written).
   * A cell may only be lowered, and a cell with no value cannot be given one.
   */
  agents: z.record(z.string(), LimitChangeSchema).optional(),
  sources: SourcesFileSchema.optional(),
  rules: z.array(z.unknown()).optional(),
  changes: z.record(z.string(), RuleChangeSchema).optional(),
  disable: z.array(z.string().min(1)).optional(),
});

/** A clinic overlay. */
export type Overlay = z.infer<typeof OverlaySchema>;
