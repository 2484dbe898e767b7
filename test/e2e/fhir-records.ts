import { synthea } from '../adapters/fhir/external.js';

/** A FHIR resource as JSON, with the type and id a FHIR server gives every stored resource. */
export type Resource = Readonly<Record<string, unknown>> & { readonly resourceType: string; readonly id: string };

/** What a FHIR server answers to one GET: a status and a JSON body. */
export interface FhirAnswer {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const isResource = (value: unknown): value is Resource => isObject(value) && typeof value.resourceType === 'string' && typeof value.id === 'string';

// Replaces every `reference: "urn:uuid:…"` with the `Type/id` it stands for, as a server does on a transaction.
const rewriteReferences = (value: unknown, byFullUrl: ReadonlyMap<string, string>): unknown => {
  if (Array.isArray(value)) return value.map((item) => rewriteReferences(item, byFullUrl));
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === 'reference' && typeof item === 'string' ? (byFullUrl.get(item) ?? item) : rewriteReferences(item, byFullUrl)]),
  );
};

/**
 * Reads a Synthea transaction bundle of the shared external data as the resources a FHIR server
 * would store from it: each resource once, with its `urn:uuid:` references rewritten to `Type/id`.
 * @param name - the patient's file prefix, e.g. `Mafalda_Turcotte`
 * @returns the Patient and every resource of the bundle (the Patient included)
 */
export const syntheaRecord = (name: string): { readonly patient: Resource; readonly resources: readonly Resource[] } => {
  const { bundle } = synthea(name);
  const entries = isObject(bundle) && Array.isArray(bundle.entry) ? bundle.entry.filter(isObject) : [];
  const byFullUrl = new Map<string, string>();
  for (const entry of entries) {
    if (typeof entry.fullUrl === 'string' && isResource(entry.resource)) byFullUrl.set(entry.fullUrl, `${entry.resource.resourceType}/${entry.resource.id}`);
  }
  const resources = entries.flatMap((entry) => {
    const resource = rewriteReferences(entry.resource, byFullUrl);
    return isResource(resource) ? [resource] : [];
  });
  const patient = resources.find((r) => r.resourceType === 'Patient');
  if (patient === undefined) throw new Error(`The Synthea bundle of ${name} has no Patient`);
  return { patient, resources };
};

const SNOMED = 'http://snomed.info/sct';
const UCUM = 'http://unitsofmeasure.org';

const activeCondition = (id: string, patientId: string, code: string, display: string, text: string, site: Json): Resource => ({
  resourceType: 'Condition',
  id,
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
  verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
  code: { coding: [{ system: SNOMED, code, display }], text },
  subject: { reference: `Patient/${patientId}` },
  onsetDateTime: '2020-06-01',
  bodySite: [site],
});

/** The id of the varicose-vein Condition of {@link veinConditions}. */
export const VARICOSE_ID = 'varicose-left';
/** The id of the spider-vein Condition of {@link veinConditions}, the target of {@link polidocanolDraftOrder}. */
export const SPIDER_ID = 'spider-left';

/**
 * The vein records Synthea never has: varicose veins of the left leg (SNOMED 72866009) and spider
 * veins of the left thigh (telangiectasia, SNOMED 247479008).
 * @param patientId - the Patient's id
 * @returns the two Conditions
 */
export const veinConditions = (patientId: string): readonly Resource[] => [
  activeCondition(VARICOSE_ID, patientId, '72866009', 'Varicose veins of lower extremity (disorder)', 'Varicose veins, left leg', {
    coding: [{ system: SNOMED, code: '7771000', display: 'Left (qualifier value)' }],
    text: 'left leg',
  }),
  activeCondition(SPIDER_ID, patientId, '247479008', 'Telangiectasia (disorder)', 'Spider veins, left thigh', {
    coding: [{ system: SNOMED, code: '61685007', display: 'Lower limb structure (body structure)' }],
    text: 'left thigh',
  }),
];

const mL = (value: number): Json => ({ value, unit: 'mL', system: UCUM, code: 'mL' });
const ampules = (value: number): Json => ({ value, unit: 'ampule', system: UCUM, code: '{ampule}' });

/**
 * A draft polidocanol order: 10.5 mL of 0.5 % (Asclera, 2 mL ampules) in 6 ampules, into the spider
 * veins of {@link veinConditions}. It breaks the per-session volume and container limits.
 * @param patientId - the Patient's id
 * @returns the MedicationRequest, status draft
 */
export const polidocanolDraftOrder = (patientId: string): Resource => ({
  resourceType: 'MedicationRequest',
  id: 'sclero-1',
  contained: [
    {
      resourceType: 'Medication',
      id: 'polidocanol-1',
      code: { text: 'Asclera (polidocanol) 0.5% injection, 2 mL ampule' },
      amount: { numerator: mL(2), denominator: ampules(1) },
      ingredient: [
        {
          itemCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'C05BB02', display: 'polidocanol' }] },
          strength: { numerator: { value: 5, unit: 'mg', system: UCUM, code: 'mg' }, denominator: mL(1) },
        },
      ],
    },
  ],
  status: 'draft',
  intent: 'order',
  medicationReference: { reference: '#polidocanol-1' },
  subject: { reference: `Patient/${patientId}` },
  reasonReference: [{ reference: `Condition/${SPIDER_ID}` }],
  dosageInstruction: [{ text: 'Inject 10.5 mL into the spider veins of the left thigh', doseAndRate: [{ doseQuantity: mL(10.5) }] }],
  dispenseRequest: { quantity: ampules(6) },
});

const operationOutcome = (status: number, diagnostics: string): FhirAnswer => ({
  status,
  body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: status === 404 ? 'not-found' : 'not-supported', diagnostics }] },
});

const codesOf = (resource: Resource): readonly string[] => {
  const code = resource.code;
  const codings = isObject(code) && Array.isArray(code.coding) ? code.coding.filter(isObject) : [];
  return codings.flatMap((c) => (typeof c.code === 'string' ? [c.code, `${String(c.system)}|${c.code}`] : []));
};

const subjectOf = (resource: Resource): unknown => {
  const subject = isObject(resource.subject) ? resource.subject : isObject(resource.patient) ? resource.patient : undefined;
  return subject?.reference;
};

// The search parameters the prefetch templates use, each a comma-separated list of alternatives.
const MATCHERS: Readonly<Record<string, (resource: Resource, values: readonly string[]) => boolean>> = {
  patient: (resource, values) => values.some((id) => subjectOf(resource) === `Patient/${id}`),
  code: (resource, values) => codesOf(resource).some((code) => values.includes(code)),
  status: (resource, values) => typeof resource.status === 'string' && values.includes(resource.status),
  questionnaire: (resource, values) => typeof resource.questionnaire === 'string' && values.includes(resource.questionnaire),
  // Sorting and paging do not change which resources match; every match is on the one page.
  _sort: () => true,
  _count: () => true,
};

/**
 * Answers one FHIR read or search over a set of resources, as a FHIR server would: `Type/id`
 * gives the resource, `Type?param=value&…` a searchset Bundle. The search parameters are those
 * of the prefetch templates: `patient`, `code` and `status` (comma-separated values are ORed).
 * @param resources - what the server holds
 * @param query - the query relative to the server's base, e.g. `Condition?patient=123`
 * @param base - the server's base URL, for the entries' fullUrl
 * @returns 200 with the resource or Bundle; 404 for an unknown resource; 400 for an unknown parameter
 */
export const answerFhirQuery = (resources: readonly Resource[], query: string, base: string): FhirAnswer => {
  const url = new URL(query, 'http://fhir.invalid/');
  const [type = '', id, ...rest] = decodeURIComponent(url.pathname.slice(1)).split('/');
  if (id !== undefined) {
    const found = rest.length === 0 ? resources.find((r) => r.resourceType === type && r.id === id) : undefined;
    return found === undefined ? operationOutcome(404, `${type}/${id} is not known`) : { status: 200, body: found };
  }
  let matches = resources.filter((r) => r.resourceType === type);
  for (const [name, value] of url.searchParams) {
    const matcher = MATCHERS[name];
    if (matcher === undefined) return operationOutcome(400, `The search parameter "${name}" is not supported`);
    matches = matches.filter((r) => matcher(r, value.split(',')));
  }
  return {
    status: 200,
    body: {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      // FHIR JSON has no empty arrays: a search that matches nothing has no `entry`.
      ...(matches.length === 0
        ? {}
        : { entry: matches.map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } })) }),
    },
  };
};

/**
 * Builds a prefetch object: each template filled with the patient id and answered over the
 * resources (the Patient read as the resource, the searches as searchset Bundles).
 * @param templates - the prefetch templates by key, as discovery lists them
 * @param resources - the patient's record
 * @param patientId - the value of `{{context.patientId}}`
 * @param base - the FHIR base URL the entries' fullUrl start with
 * @returns the prefetch, by key
 */
export const prefetchFor = (templates: Readonly<Record<string, string>>, resources: readonly Resource[], patientId: string, base: string): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(templates).map(([key, template]) => {
      const answer = answerFhirQuery(resources, template.replaceAll('{{context.patientId}}', encodeURIComponent(patientId)), base);
      if (answer.status !== 200) throw new Error(`Prefetch "${key}" (${template}) got ${answer.status}: ${JSON.stringify(answer.body)}`);
      return [key, answer.body];
    }),
  );

/**
 * Builds an `order-sign` call with one draft order; add `prefetch` or `fhirServer` to it.
 * @param patientId - the Patient's id
 * @param draftOrder - the draft MedicationRequest
 * @param hookInstance - the call's id (card uuids derive from it)
 * @returns the request body
 */
export const orderSignCall = (patientId: string, draftOrder: Resource, hookInstance: string): Record<string, unknown> => ({
  hook: 'order-sign',
  hookInstance,
  context: {
    userId: 'Practitioner/dr-1',
    patientId,
    draftOrders: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: draftOrder }] },
  },
});
