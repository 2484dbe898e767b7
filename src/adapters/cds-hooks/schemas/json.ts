import * as z from 'zod';

// CDS Hooks 2.0 "Use of JSON": elements SHALL NOT be null or empty unless the specification says
// otherwise, so `null`, `""`, `[]` and `{}` are refused wherever a rule does not allow them.

type Path = readonly (string | number)[];
interface JsonProblem {
  readonly path: Path;
  readonly message: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const EMPTY_MESSAGE = 'must not be null or empty ("", [], {}); CDS Hooks omits a field that has no value';

/**
 * Finds the null and empty values inside a JSON value.
 * @param value - the value
 * @param path - where it is
 * @param options - `nullInArrays`: FHIR JSON allows null array items (aligned with `_element` arrays)
 * @returns one problem per null or empty value, with its path
 */
export const findEmptyValues = (value: unknown, path: Path = [], options: { readonly nullInArrays?: boolean } = {}): readonly JsonProblem[] => {
  if (value === null || value === '') return [{ path, message: EMPTY_MESSAGE }];
  if (Array.isArray(value)) {
    if (value.length === 0) return [{ path, message: EMPTY_MESSAGE }];
    return value.flatMap((item, index) => (item === null && options.nullInArrays === true ? [] : findEmptyValues(item, [...path, index], options)));
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [{ path, message: EMPTY_MESSAGE }];
    return entries.flatMap(([key, item]) => findEmptyValues(item, [...path, key], options));
  }
  return [];
};

// FHIR JSON property names are element names (letters and digits, optionally `_`-prefixed for
// primitive extensions; DSTU2 also used `fhir_comments`), so a key such as "..." is not FHIR.
const FHIR_KEY = /^_?[A-Za-z][A-Za-z0-9_]*$/;

const findBadKeys = (value: unknown, path: Path): readonly JsonProblem[] => {
  if (Array.isArray(value)) return value.flatMap((item, index) => findBadKeys(item, [...path, index]));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(FHIR_KEY.test(key) ? [] : [{ path: [...path, key], message: `"${key}" is not a FHIR element name; a FHIR resource has only element names as keys` }]),
    // A resource's `div` narrative and extension values are still JSON objects with element names.
    ...findBadKeys(item, [...path, key]),
  ]);
};

const report = (ctx: z.core.$RefinementCtx, problems: readonly JsonProblem[], code: string): void => {
  for (const problem of problems) ctx.addIssue({ code: 'custom', message: problem.message, path: [...problem.path], params: { code } });
};

/**
 * A string that is present and not empty.
 * @param what - the field's name, for the message
 * @returns the schema
 */
export const nonEmptyString = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be a string`) }).min(1, { error: `${what} must not be empty` });

/** A JSON object with at least one key and no null or empty value anywhere inside (hook context). */
export const JsonObjectSchema = z
  .record(z.string(), z.unknown(), { error: 'Expected a JSON object' })
  .superRefine((value, ctx) => report(ctx, findEmptyValues(value), 'empty_value'));

/**
 * The reserved `extension` member: a non-empty JSON object whose keys SHOULD be reverse-domain names
 * (e.g. `org.sclerotherapy-cds.finding`). What each extension holds is its definer's to say, so its
 * values are not checked further (an empty list inside one can be data, e.g. "no known allergies").
 */
export const ExtensionSchema = z
  .record(z.string().min(1, { error: 'Extension keys must not be empty' }), z.unknown(), { error: 'extension must be a JSON object' })
  .refine((value) => Object.keys(value).length > 0, { error: 'extension must not be empty; omit it instead', params: { code: 'empty_value' } });

/** A FHIR resource as CDS Hooks carries it: an object with a `resourceType` and FHIR element names as keys. */
export const FhirResourceSchema = z
  .looseObject({
    resourceType: z.string({ error: 'A FHIR resource must have a "resourceType" string' }).regex(/^[A-Z][A-Za-z]+$/, { error: 'resourceType must be a FHIR resource type name such as "MedicationRequest"' }),
  })
  .superRefine((value, ctx) => {
    report(ctx, findBadKeys(value, []), 'invalid_fhir_key');
    report(ctx, findEmptyValues(value, [], { nullInArrays: true }), 'empty_value');
  });

/** A FHIR resource. */
export type FhirResource = z.infer<typeof FhirResourceSchema>;

/** The CDS Hooks Coding data type: `code` and `system` required, `display` optional. */
export const CodingSchema = z.looseObject({
  code: nonEmptyString('Coding.code'),
  system: nonEmptyString('Coding.system'),
  display: nonEmptyString('Coding.display').optional(),
});

/** A CDS Hooks Coding. */
export type Coding = z.infer<typeof CodingSchema>;

/** A UUID written as 8-4-4-4-12 hexadecimal digits. */
export const UuidSchema = z.guid({ error: 'Expected a UUID (8-4-4-4-12 hexadecimal digits)' });

/** An absolute URL. */
export const AbsoluteUrlSchema = z.url({ error: 'Expected an absolute URL' });
