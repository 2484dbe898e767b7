import { describe, expect, it } from 'vitest';
import { escapeMarkdown, findingMarkdown } from '../../../../src/adapters/cds-hooks/cards/markdown.js';
import type { Finding } from '../../../../src/model/assessment.js';

describe('escapeMarkdown', () => {
  it('escapes what would format the text, and keeps file names and decimals as written', () => {
    expect(escapeMarkdown('a *b* [c](d) <e> | f ~g~ `h` _i_ 001_85d.txt 10.5 mL\nnext')).toBe(
      'a \\*b\\* \\[c\\](d) \\<e\\> \\| f \\~g\\~ \\`h\\` \\_i\\_ 001_85d.txt 10.5 mL next',
    );
  });
});

describe('findingMarkdown', () => {
  const finding: Finding = {
    ruleId: 'precaution.example',
    category: 'precaution',
    effect: 'caution',
    severity: 'warning',
    summary: 'An example.',
    detail: 'Values with | pipes stay in their cell.',
    evidence: [{ fact: 'history.thing', operator: 'in', expected: ['a|b', 'c'], actual: 'undocumented' }],
    sources: [
      { label: '- a label that looks like a list', url: 'https://example.org/a (b)' },
      { label: 'Seed document 000_x.txt' },
    ],
    resolution: 'Confirming it would resolve this.',
    veinIds: ['v1', 'v2'],
    unconfirmed: ['history.thing'],
  };

  it('keeps tables, lists and links intact whatever the texts hold', () => {
    expect(findingMarkdown(finding)).toMatchInlineSnapshot(`
      "**Why:** Values with \\| pipes stay in their cell.

      **Patient values**

      | Value | Patient | Rule fires when it |
      | --- | --- | --- |
      | \`history.thing\` | not documented | is one of a\\|b, c |

      **What would change this:** Confirming it would resolve this.

      **Veins:** v1, v2

      **To confirm:** \`history.thing\`

      **Sources**

      1. [\\- a label that looks like a list](https://example.org/a%20%28b%29)
      2. Seed document 000_x.txt

      Rule \`precaution.example\` (precaution, caution)."
    `);
  });
});
