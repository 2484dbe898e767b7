// Writes docs/rules.md, the rule catalogue, from the shipped rules, limits and sources.
// `--check` fails when the committed page differs from what rules/ gives.
/// <reference types="node" />
import { readFileSync, writeFileSync } from 'node:fs';
import { defaultRuleSet } from '../src/rules/default-rule-set.js';
import { describeRuleSet } from '../src/rules/describe-rules.js';

const TARGET = 'docs/rules.md';
const content = describeRuleSet(defaultRuleSet);
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(TARGET, 'utf8');
  } catch {
    current = '';
  }
  if (current !== content) {
    console.error(`${TARGET} is out of date; run npm run docs`);
    process.exit(1);
  }
  console.log(`${TARGET} is current`);
} else {
  writeFileSync(TARGET, content);
  console.log(`wrote ${TARGET} (${defaultRuleSet.rules.length} rules)`);
}
