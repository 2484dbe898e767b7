/// <reference types="node" />
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { BUNDLED_RULE_PATHS } from '../../src/rules/bundled-rules.generated.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const schema = (name: string) => ajv.compile(JSON.parse(readFileSync(`schemas/${name}.schema.json`, 'utf8')) as object);
const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('the published JSON Schemas', () => {
  it('validate the example requests, and refuse a broken one', () => {
    const validate = schema('request');
    for (const file of readdirSync('examples').filter((f) => f.endsWith('.json'))) {
      expect(validate(json(`examples/${file}`)), `${file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    expect(validate({ patient: { ageYears: 'forty' }, history: {}, veins: [] })).toBe(false);
    expect(validate({ patient: { ageYears: 40 }, history: { smoker: true }, veins: [] })).toBe(false);
  });

  it('validate every shipped rule file', () => {
    const validate = schema('rule-file');
    for (const path of BUNDLED_RULE_PATHS) expect(validate(json(path)), `${path}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    expect(validate({ name: 'x.y', conditions: { not: {} }, event: { type: 'finding', params: {} } })).toBe(false);
  });

  it('validate the example overlay', () => {
    const validate = schema('overlay');
    for (const file of readdirSync('examples/overlays')) {
      expect(validate(json(`examples/overlays/${file}`)), `${file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    expect(validate({ name: 'No approver', version: '1' })).toBe(false);
  });

  it('validate the vignette files of the project and of the foreign fixture folder', () => {
    const validate = schema('vignette-file');
    const files = ['test/vignettes', 'test/fixtures/vignettes-foreign'].flatMap((dir) =>
      readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => `${dir}/${f}`),
    );
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      expect(validate(parse(readFileSync(file, 'utf8'))), `${file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    expect(validate({ vignettes: [{ name: 'no expectations', request: {} }] })).toBe(false);
  });

  it('validate the service configuration of docs/cds-hooks.md, and refuse a broken one', () => {
    const validate = schema('service-config');
    const page = readFileSync('docs/cds-hooks.md', 'utf8');
    const config = [...page.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((m) => JSON.parse(m[1] ?? '') as Record<string, unknown>).find((v) => 'clients' in v);
    expect(config).toBeDefined();
    expect(validate(config), ajv.errorsText(validate.errors)).toBe(true);
    expect(validate({ publicUrl: 'https://cds.example.org', clients: [{ iss: 'x', fhirServers: [], jwks: { keys: [] } }] })).toBe(false);
    expect(validate({ publicUrl: 'https://cds.example.org', typo: true })).toBe(false);
  });
});
