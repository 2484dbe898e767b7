import * as z from 'zod';

/** The code systems a code list may use, by their FHIR canonical URI. */
export const CODE_SYSTEMS = {
  snomed: 'http://snomed.info/sct',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  loinc: 'http://loinc.org',
  atc: 'http://www.whocc.no/atc',
  cpt: 'http://www.ama-assn.org/go/cpt',
  ndc: 'http://hl7.org/fhir/sid/ndc',
} as const;

const CodeEntrySchema = z.strictObject({
  system: z.enum(Object.values(CODE_SYSTEMS) as [string, ...string[]]),
  code: z.string().min(1),
  display: z.string().min(1),
  /** `prefix` matches every code that begins with `code` (ICD-10-CM categories); default `exact`. */
  match: z.enum(['exact', 'prefix']).optional(),
});

const SourceSchema = z.strictObject({
  label: z.string().min(1),
  url: z.string().min(1).optional(),
  oid: z.string().regex(/^\d+(\.\d+)+$/).optional(),
  version: z.string().optional(),
  note: z.string().min(1).optional(),
});

/**
 * The zod schema of one code-list file under `codes/`: a clinical concept, where its codes come
 * from, the codes themselves, and words to find in free text when no verified code exists.
 */
export const CodeListSchema = z
  .strictObject({
    concept: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    description: z.string().min(1),
    sources: z.array(SourceSchema).min(1),
    codes: z.array(CodeEntrySchema),
    /** Words matched at the start of a word, case-insensitively, in texts and displays. */
    textMatches: z.array(z.string().min(1)).optional(),
    /** Words that stop a text match, e.g. "flush" for heparin lock flushes. */
    textExclusions: z.array(z.string().min(1)).optional(),
  })
  .superRefine((list, ctx) => {
    if (list.codes.length === 0 && (list.textMatches ?? []).length === 0) {
      ctx.addIssue({ code: 'custom', message: 'A code list needs at least one code or one text match', path: ['codes'] });
    }
    const seen = new Set<string>();
    list.codes.forEach((entry, index) => {
      const key = `${entry.system}|${entry.code}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `Code ${entry.code} is listed twice`, path: ['codes', index, 'code'] });
      seen.add(key);
    });
  });

/** One code-list file. */
export type CodeList = z.infer<typeof CodeListSchema>;
