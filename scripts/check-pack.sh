#!/usr/bin/env bash
# Packs the library, installs the tarball into an empty project, and checks that `import` (ESM),
# `require` (CommonJS), the type declarations of both, and the bin all work there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tarball=$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)
cd "$work"
npm init -y >/dev/null
dev() { node -p "require('$root/package.json').devDependencies['$1']"; }
npm install --no-audit --no-fund --silent "./$tarball" "typescript@$(dev typescript)" "fast-check@$(dev fast-check)" >/dev/null

cp "$root/examples/spider-veins.json" request.json
cat > esm.mjs <<'JS'
import { readFileSync } from 'node:fs';
import { assess, defaultRuleSet } from 'sclerotherapy-cds';
const result = await assess(JSON.parse(readFileSync('request.json', 'utf8')));
if (result._tag !== 'Right' || result.right.session.status !== 'approved') throw new Error('ESM assess failed');
console.log(`ESM: ${result.right.status}, ${defaultRuleSet.rules.length} rules`);
JS
cat > evaluators.mjs <<'JS'
import { readFileSync } from 'node:fs';
import { assess, assessSync } from 'sclerotherapy-cds';
import { AGENTS } from 'sclerotherapy-cds/constants';
import { jsonRulesEngine } from 'sclerotherapy-cds/json-rules-engine';
const request = JSON.parse(readFileSync('request.json', 'utf8'));
const compiled = assessSync(request);
const reference = await assess(request, { evaluator: jsonRulesEngine });
if (compiled._tag !== 'Right' || JSON.stringify(compiled) !== JSON.stringify(reference) || AGENTS.length === 0) throw new Error('ESM evaluators differ');
console.log('ESM: assessSync equals assess on json-rules-engine');
JS
cat > evaluators.cjs <<'JS'
const { assess, assessSync } = require('sclerotherapy-cds');
const { jsonRulesEngine } = require('sclerotherapy-cds/json-rules-engine');
const request = require('./request.json');
assess(request, { evaluator: jsonRulesEngine }).then((reference) => {
  if (JSON.stringify(assessSync(request)) !== JSON.stringify(reference)) throw new Error('CJS evaluators differ');
  console.log('CJS: assessSync equals assess on json-rules-engine');
});
JS
cat > cjs.cjs <<'JS'
const { assess } = require('sclerotherapy-cds');
const request = require('./request.json');
assess(request).then((result) => {
  if (result._tag !== 'Right') throw new Error('CJS assess failed');
  console.log(`CJS: ${result.right.status}`);
});
JS
cat > types-esm.mts <<'TS'
import { assess, type Assessment } from 'sclerotherapy-cds';
const result = await assess({});
const status: Assessment['status'] | undefined = result._tag === 'Right' ? result.right.status : undefined;
console.log(status);
TS
cat > types-cjs.cts <<'TS'
import sclero = require('sclerotherapy-cds');
const check: (r: unknown) => Promise<sclero.Assessment> = sclero.assessOrThrow;
console.log(check);
TS
cat > adapters.mjs <<'JS'
import { fromFhirBundle } from 'sclerotherapy-cds/fhir';
import { toCdsCards, createCdsService, createCdsServiceOrThrow } from 'sclerotherapy-cds/cds-hooks';
// Without clients the configuration is refused; a demo service without authentication answers discovery.
if (createCdsService()._tag !== 'Left') throw new Error('adapters: no authentication accepted');
const service = createCdsServiceOrThrow({ insecureNoAuth: true });
if ((await service.discovery()).status !== 200 || typeof fromFhirBundle !== 'function' || typeof toCdsCards !== 'function') throw new Error('adapters');
console.log('ESM adapters: ok');
JS
cat > adapters.cjs <<'JS'
const { fromFhirBundle } = require('sclerotherapy-cds/fhir');
const { createCdsServiceOrThrow } = require('sclerotherapy-cds/cds-hooks');
createCdsServiceOrThrow({ insecureNoAuth: true }).discovery().then((response) => {
  if (response.status !== 200 || typeof fromFhirBundle !== 'function') throw new Error('adapters');
  console.log('CJS adapters: ok');
});
JS
cat > testing-esm.mjs <<'JS'
import { runVignettes, checkAssessmentInvariants } from 'sclerotherapy-cds/testing';
if (typeof runVignettes !== 'function' || typeof checkAssessmentInvariants !== 'function') throw new Error('ESM testing entry');
console.log('ESM testing entry: ok');
JS
cat > testing-cjs.cjs <<'JS'
const { runVignettes } = require('sclerotherapy-cds/testing');
if (typeof runVignettes !== 'function') throw new Error('CJS testing entry');
console.log('CJS testing entry: ok');
JS
node esm.mjs
node cjs.cjs
node evaluators.mjs
node evaluators.cjs
npx tsc --noEmit --strict --module nodenext --moduleResolution nodenext --target es2022 --skipLibCheck false types-esm.mts types-cjs.cts
echo "types: ESM and CommonJS declarations resolve"
node testing-esm.mjs
node testing-cjs.cjs
node adapters.mjs
node adapters.cjs
npx sclerotherapy-cds assess request.json | head -n 4
