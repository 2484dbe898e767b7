import * as z from 'zod';
import { AGENTS, REGIONS, SIDES, VEIN_KINDS } from './vocabulary.js';
import { checkCrossFields } from './cross-field-checks.js';
import { isCalendarDate } from './dates.js';

const AgentSchema = z.enum(AGENTS);

/** A calendar date written `YYYY-MM-DD`; impossible dates such as `2023-02-30` are refused. */
export const IsoDateSchema = z.string().refine(isCalendarDate, {
  message: 'Expected a real calendar date written YYYY-MM-DD',
  params: { code: 'invalid_date' },
});

const PatientSchema = z.strictObject({
  ageYears: z.number().min(0).max(130),
  sex: z.enum(['female', 'male', 'other', 'unknown']).optional(),
  weightKg: z.number().positive().max(400).optional(),
  pregnancy: z.enum(['pregnant', 'postpartum', 'not-pregnant']).optional(),
  breastfeeding: z.boolean().optional(),
});

const HistorySchema = z.strictObject({
  sclerosantAllergies: z.array(AgentSchema).optional(),
  allergyProne: z.boolean().optional(),
  acuteThromboembolism: z.boolean().optional(),
  priorThromboembolism: z.boolean().optional(),
  thrombophilia: z.boolean().optional(),
  activeCancer: z.boolean().optional(),
  recentMajorSurgeryOrHospitalization: z.boolean().optional(),
  mobility: z.enum(['normal', 'reduced', 'bedridden']).optional(),
  localInfectionAtTreatmentSite: z.boolean().optional(),
  severeAcuteIllness: z.boolean().optional(),
  peripheralArterialDisease: z.enum(['none', 'mild', 'severe', 'critical']).optional(),
  rightToLeftShunt: z.enum(['none', 'asymptomatic', 'symptomatic']).optional(),
  migraineWithAura: z.boolean().optional(),
  severeReactionToPriorSclerotherapy: z.boolean().optional(),
  estrogenTherapy: z.boolean().optional(),
  anticoagulated: z.boolean().optional(),
  acuteSuperficialThrombophlebitis: z.boolean().optional(),
  ceapClass: z.enum(['C0', 'C1', 'C2', 'C3', 'C4a', 'C4b', 'C4c', 'C5', 'C6']).optional(),
});

const DuplexSchema = z.strictObject({
  date: IsoDateSchema,
  truncalReflux: z.array(z.enum(SIDES)),
  deepVenousDisease: z.array(z.enum(SIDES)),
});

const VeinSchema = z.strictObject({
  id: z.string().min(1),
  /** The clinician's site label, shown wherever the output names the vein. */
  label: z.string().min(1).max(60).optional(),
  kind: z.enum(VEIN_KINDS),
  diameterMm: z.number().positive().max(100).optional(),
  region: z.enum(REGIONS),
  side: z.enum(SIDES).optional(),
  status: z.enum(['untreated', 'treated']).optional(),
  symptomatic: z.boolean().optional(),
});

const InjectionSchema = z.strictObject({
  veinId: z.string().min(1),
  volumeMl: z.number().positive(),
});

/** The gases a foam is made with; `proprietary-canister` is a ready-made canister product (Varithena). */
export const FOAM_GASES = ['room-air', 'carbon-dioxide', 'oxygen-carbon-dioxide', 'proprietary-canister'] as const;

/** How a planned foam was made: its liquid sclerosant and its gas (only with formulation 'foam'). */
const FoamSchema = z.strictObject({
  /** The liquid sclerosant used to make the injected foam, in mL; at most `totalVolumeMl`. */
  liquidVolumeMl: z.number().positive().optional(),
  gas: z.enum(FOAM_GASES).optional(),
});

// Strengths have no fixed upper bound here: each agent's own maximum is checked across fields
// (`implausible_concentration`, from rules/agents.json).
const PlannedSessionSchema = z.strictObject({
  date: IsoDateSchema,
  agent: AgentSchema,
  formulation: z.enum(['liquid', 'foam']),
  concentrationPercent: z.number().positive(),
  containers: z.number().int().min(0),
  containerVolumeMl: z.number().positive().optional(),
  /** The volume injected: liquid, or the foam volume for foam. */
  totalVolumeMl: z.number().positive(),
  foam: FoamSchema.optional(),
  /** A documented thromboprophylaxis decision for this session; either value releases the high-risk hold. */
  thromboprophylaxisDecision: z.enum(['given', 'not-indicated']).optional(),
  targetVeinIds: z.array(z.string().min(1)).min(1),
  injections: z.array(InjectionSchema).optional(),
});

const PriorSessionSchema = z.strictObject({
  date: IsoDateSchema,
  agent: AgentSchema,
  totalVolumeMl: z.number().min(0),
  formulation: z.enum(['liquid', 'foam']).optional(),
  concentrationPercent: z.number().positive().optional(),
  /** The liquid sclerosant that made a foam session's foam, in mL; only with formulation 'foam'. */
  liquidVolumeMl: z.number().positive().optional(),
});

/**
 * The zod schema of an assessment request (CONTRACT §3), with every cross-field check.
 * Omitted optional clinical fields mean "not documented", never "absent".
 */
export const AssessmentRequestSchema = z
  .strictObject({
    patient: PatientSchema,
    history: HistorySchema,
    duplexUltrasound: DuplexSchema.optional(),
    veins: z.array(VeinSchema),
    plannedSession: PlannedSessionSchema.optional(),
    priorSessions: z.array(PriorSessionSchema).optional(),
  })
  .superRefine(checkCrossFields);

/** A valid assessment request. */
export type AssessmentRequest = z.infer<typeof AssessmentRequestSchema>;
/** One documented vein of a request. */
export type Vein = AssessmentRequest['veins'][number];
/** The planned session of a request. */
export type PlannedSession = NonNullable<AssessmentRequest['plannedSession']>;
/** One prior session of a request. */
export type PriorSession = NonNullable<AssessmentRequest['priorSessions']>[number];
