// Writes schemas/*.schema.json, the JSON Schemas of the request, a rule file, a clinic overlay, a
// vignette file and the service configuration of `serve --config`, generated from the zod schemas, so teams outside TypeScript can validate their data.
// `--check` fails when a committed schema differs from what the zod schemas give.
/// <reference types="node" />
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { AssessmentRequestSchema, IsoDateSchema } from '../src/model/request-schema.js';
import { RuleFileSchema } from '../src/rules/rule-file-schema.js';
import { OverlaySchema } from '../src/rules/overlay-schema.js';
import { VignetteFileSchema } from '../src/testing/vignettes/schema.js';
import { ServiceConfigSchema } from '../src/adapters/cds-hooks/service/service-config.js';



const toJsonSchema = (schema: z.ZodType, title: string, id: string): string => {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      // Calendar-date checks are code; the pattern is the part JSON Schema can say.
      if (ctx.zodSchema === IsoDateSchema) Object.assign(ctx.jsonSchema, { pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
    },
  });
  return `${JSON.stringify({ ...json, $id: `urn:sclerotherapy-cds:schema:${id.replace('.schema.json', '')}`, title }, null, 2)}\n`;
};

const schemas: readonly [string, string, z.ZodType][] = [
  ['request.schema.json', 'sclerotherapy-cds assessment request', AssessmentRequestSchema],
  ['rule-file.schema.json', 'sclerotherapy-cds rule file', RuleFileSchema],
  ['overlay.schema.json', 'sclerotherapy-cds clinic overlay', OverlaySchema],
  ['vignette-file.schema.json', 'sclerotherapy-cds vignette file', VignetteFileSchema],
  ['service-config.schema.json', 'sclerotherapy-cds serve --config file', ServiceConfigSchema],
];

const check = process.argv.includes('--check');
mkdirSync('schemas', { recursive: true });
let stale = 0;
for (const [file, title, schema] of schemas) {
  const content = toJsonSchema(schema, title, file);
  const path = `schemas/${file}`;
  if (!check) writeFileSync(path, content);
  else if (readFileSafe(path) !== content) {
    console.error(`${path} is out of date; run npm run schemas`);
    stale++;
  }
}
if (stale > 0) process.exit(1);
console.log(check ? `${schemas.length} schemas are current` : `wrote ${schemas.length} schemas to schemas/`);

function readFileSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
