import { describe, expect, it } from 'vitest';
import { codeSpan, escapeMarkdown, findingMarkdown } from '../../../../src/adapters/cds-hooks/cards/markdown.js';
import { veinNamer } from '../../../../src/explain/present.js';
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
    evidence: [
      { fact: 'history.thing', operator: 'in', expected: ['a|b', 'c'], actual: 'undocumented' },
      { fact: 'untreatedIds', operator: 'equal', expected: ['history.mobility'], actual: ['v1', 'v2'], about: 'The untreated veins' },
    ],
    sources: [
      { label: '- a label that looks like a list', url: 'https://example.org/a (b)' },
      { label: 'Seed document 000_x.txt' },
    ],
    resolution: 'Confirming it would resolve this.',
    veinIds: ['v1', 'v2'],
    unconfirmed: ['history.thing', 'history.mobility'],
  };
  const name = veinNamer({ veins: [{ id: 'v1', label: 'left calf | back' }, { id: 'v2', kind: 'reticular', region: 'leg' }] });

  it('keeps tables, lists and links intact whatever the texts hold', () => {
    expect(findingMarkdown(finding, name)).toMatchInlineSnapshot(`
      "**Why:** Values with \\| pipes stay in their cell.

      **Patient values**

      | Value | Patient | Applies when |
      | --- | --- | --- |
      | a value of the record | not documented | it is one of a\\|b; c |
      | The untreated veins | left calf \\| back; reticular vein, leg (side not recorded) | it is mobility |

      **What would change this:** Confirming it would resolve this.

      **Veins:** left calf \\| back; reticular vein, leg (side not recorded)

      **To document:** a detail of the record; mobility

      **Sources**

      1. [\\- a label that looks like a list](https://example.org/a%20%28b%29)
      2. Seed document 000_x.txt"
    `)
  });
});

describe('citations', () => {
  const withSources = (sources: Finding['sources']): Finding => ({
    ruleId: 'precaution.example',
    category: 'precaution',
    effect: 'caution',
    severity: 'warning',
    summary: 'An example.',
    detail: 'Detail.',
    evidence: [],
    sources,
  });
  const sourcesOf = (markdown: string): string => markdown.slice(markdown.indexOf('**Sources**'));

  it('links only http and https URLs; any other URL (e.g. from an overlay) is shown as text', () => {
    const markdown = findingMarkdown(
      withSources([
        { label: 'Label', url: 'javascript:alert(document.cookie)' },
        { label: 'Upper case', url: 'JaVaScRiPt:alert(1)' },
        { label: 'Data', url: 'data:text/html,<script>alert(1)</script>' },
        { label: 'VB', url: 'vbscript:msgbox(1)' },
        { label: 'Leading space', url: ' javascript:alert(1)' },
        { label: 'Backticks', url: 'javascript:`x`' },
        { label: 'Web', url: 'https://example.org/pi' },
        { label: 'Plain web', url: 'HTTP://example.org/pi' },
      ]),
    );
    expect(sourcesOf(markdown)).toMatchInlineSnapshot(`
      "**Sources**

      1. Label (\`javascript:alert(document.cookie)\`)
      2. Upper case (\`JaVaScRiPt:alert(1)\`)
      3. Data (\`data:text/html,<script>alert(1)</script>\`)
      4. VB (\`vbscript:msgbox(1)\`)
      5. Leading space (\`  javascript:alert(1) \`)
      6. Backticks (\`\` javascript:\`x\` \`\`)
      7. [Web](https://example.org/pi)
      8. [Plain web](HTTP://example.org/pi)"
    `);
    // Every link the Markdown holds points at http or https.
    const targets = [...markdown.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]);
    expect(targets).toEqual(['https://example.org/pi', 'HTTP://example.org/pi']);
  });

  it('puts no such URL in the card links either', async () => {
    const { toCdsCards } = await import('../../../../src/adapters/cds-hooks/cards/to-cds-cards.js');
    const finding = withSources([{ label: 'Label', url: 'javascript:alert(1)' }]);
    const assessment = {
      status: 'candidate-with-precautions',
      session: {
        status: 'not-planned',
        totals: { volumeMl: 0, liquidVolumeMl: 0, foamVolumeMl: 0, liquidVolumeEstimated: false, containers: 0, containerEquivalents: 0, dailyLiquidVolumeMl: 0, dailyFoamVolumeMl: 0, dailyVolumeMl: 0 },
        limits: { maxVolumeMl: 10, maxFoamVolumeMl: 10, maxContainers: 5 },
        holds: [],
        heldVeinIds: [],
        deferredVeinIds: [],
      },
      findings: [finding],
      unconfirmed: [],
      ruleSet: { name: 'r', version: '1' },
      asOf: '2026-11-23',
      jurisdiction: 'strictest',
    } as const;
    const [card] = toCdsCards(assessment, { hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea' });
    expect(card?.links).toBeUndefined();
    expect(card?.detail).not.toMatch(/\]\(javascript:/i);
    expect(card?.detail).toContain('1. Label (`javascript:alert(1)`)');
  });

  it('escapes what in a label would format it: emphasis, links, HTML, entities, leading spaces and line breaks', () => {
    const markdown = findingMarkdown(
      withSources([
        { label: '    indented *bold* [x](javascript:alert(1)) <img src=x onerror=alert(1)> &lt;b&gt;', url: 'https://example.org/' },
        { label: '1. not a list\n# not a heading' },
      ]),
    );
    expect(sourcesOf(markdown)).toMatchInlineSnapshot(`
      "**Sources**

      1. [indented \\*bold\\* \\[x\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\> \\&lt;b\\&gt;](https://example.org/)
      2. 1\\. not a list # not a heading"
    `);
  });
});

describe('codeSpan', () => {
  it('shows any text as written, backticks and table pipes included', () => {
    expect(codeSpan('history.thing')).toBe('`history.thing`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(codeSpan('a|b', { inTable: true })).toBe('`a\\|b`');
    expect(codeSpan('a\nb')).toBe('`a b`');
  });

  it('shows the description of a fact, never its name, escaped inside its table cell', () => {
    const finding: Finding = {
      ruleId: 'precaution.x',
      category: 'precaution',
      effect: 'caution',
      severity: 'warning',
      summary: 's',
      detail: 'd',
      evidence: [
        { fact: 'oddFactName', operator: 'equal', expected: 1, actual: 2, about: 'odd`about|text' },
        { fact: 'uncatalogued', operator: 'greaterThan', expected: 1, actual: 2, expectedFrom: 'limits.maxVolumeMl' },
      ],
      sources: [],
    };
    const markdown = findingMarkdown(finding);
    expect(markdown).toContain('| odd\\`about\\|text | 2 | it is 1 |');
    expect(markdown).toContain('| a value of the record | 2 | it is more than 1 |');
    expect(markdown).not.toMatch(/oddFactName|uncatalogued|maxVolumeMl/);
  });
});
