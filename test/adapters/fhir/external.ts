/// <reference types="node" />
import { readFileSync, readdirSync } from 'node:fs';

// The shared folder sits beside the repository (in CI too): <root>/../shared/external.
const EXTERNAL = new URL('../../../../shared/external/', import.meta.url);

/**
 * Reads a JSON file of the shared external test data.
 * @param relative - its path under shared/external, e.g. `fhir-r4-examples/.../Patient-example.json`
 * @returns the parsed JSON
 */
export const readExternal = (relative: string): unknown => JSON.parse(readFileSync(new URL(relative, EXTERNAL), 'utf8')) as unknown;

/**
 * Lists the JSON files of a folder of the shared external test data.
 * @param folder - e.g. `synthea/synthea-v3-us-core`
 * @returns their paths under shared/external
 */
export const listExternal = (folder: string): string[] =>
  readdirSync(new URL(`${folder}/`, EXTERNAL))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => `${folder}/${name}`);

/** The Synthea folders. */
export const SYNTHEA_FOLDERS = ['synthea/smart-on-fhir-generated-sample-data-R4', 'synthea/synthea-v3-us-core'] as const;

/** The FHIR example folders. */
export const EXAMPLE_FOLDERS = ['fhir-r4-examples/hl7.fhir.r4.examples-4.0.1', 'fhir-r4-examples/hl7.fhir.uv.ips-2.0.0'] as const;

/**
 * "Now" for each Synthea bundle: its last clinical date (the "end" column of
 * shared/external/README.md); Christopher_Abshire's is his date of death.
 */
export const SYNTHEA_END: Readonly<Record<string, string>> = {
  Xuan_Christiansen: '2021-02-02',
  Sofia_Koepp: '2020-09-26',
  Odilia_Feeney: '2020-06-11',
  Marsha_Hayes: '2021-02-12',
  Vera_Spinka: '2021-03-24',
  Carin_Kerluke: '2020-10-24',
  Theola_Stoltenberg: '2020-11-20',
  Nereida_Rogahn: '2021-03-21',
  Willia_Runolfsdottir: '2020-12-28',
  Max_Dicki: '2021-02-23',
  Mafalda_Turcotte: '2021-03-20',
  Jordan_Cruickshank: '2020-11-30',
  Gayla_Ferry: '2020-08-20',
  Reyna_Ziemann: '2020-03-10',
  Judson_Eichmann: '2021-02-18',
  Reba_Nolan: '2020-05-07',
  Maida_Gerhold: '2021-02-02',
  Dannie_Schmitt: '2021-03-18',
  Buster_Hoeger: '2019-12-18',
  Luigi_Wiegand: '2021-03-30',
  Christopher_Abshire: '2016-12-10',
  Rosie394_Tiny880_Gutmann970: '2024-10-31',
};

/**
 * Finds a Synthea bundle by the patient's name and gives it with its "now".
 * @param name - e.g. `Nereida_Rogahn`
 * @returns the file path, the parsed bundle and its asOf
 */
export const synthea = (name: string): { readonly file: string; readonly bundle: unknown; readonly asOf: string } => {
  const file = SYNTHEA_FOLDERS.flatMap(listExternal).find((path) => path.split('/').pop()?.startsWith(`${name}_`) === true);
  const asOf = SYNTHEA_END[name];
  if (file === undefined || asOf === undefined) throw new Error(`No Synthea bundle for ${name}`);
  return { file, bundle: readExternal(file), asOf };
};

/**
 * The name of the Synthea bundle a file holds.
 * @param file - a path from listExternal
 * @returns the key of SYNTHEA_END it belongs to
 */
export const syntheaName = (file: string): string | undefined =>
  Object.keys(SYNTHEA_END).find((name) => file.split('/').pop()?.startsWith(`${name}_`) === true);
