/// <reference types="node" />
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formatAssessment } from '../../src/index.js';
import { applyOverlay } from '../../src/rules/apply-overlay.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import type { Assessment } from '../../src/model/assessment.js';
import type { AssessOptions } from '../../src/assess.js';
import { assessValid } from '../helpers.js';

const assessFile = async (file: string, options: AssessOptions = {}): Promise<Assessment> =>
  assessValid(JSON.parse(await readFile(file, 'utf8')) as unknown, options);

const brief = async (file: string): Promise<string> => {
  const text = formatAssessment(await assessFile(file), { width: 100 });
  const lines = text.trimEnd().split('\n');
  // The brief view fits one screen: at most 15 lines of at most 100 characters.
  expect(lines.length).toBeLessThanOrEqual(15);
  expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
  return text;
};

describe('the brief report of each example request', () => {
  it('capped session', async () => {
    expect(await brief('examples/capped-session.json')).toMatchInlineSnapshot(`
      "SCLEROTHERAPY CHECK 2026-11-23 · sclerotherapy-cds default rules 2.0.0 · labels: stricter of US/EU
      PATIENT  Candidate
      SESSION  Blocked as planned: the plan needs changing
               Planned, not yet cleared: reticular vein, left leg; reticular vein, right leg
               liquid 10.5 of 10 mL · 6 of 5 vials (2 mL each) · polidocanol 105 of 116 mg today
      WHY      !! More vials or ampules are planned than the per-session limit; the session is blocked as
                  planned (6 containers; limit 5 containers). [1,2]
               !! The planned liquid sclerosant is over the per-session cap; the session is blocked as
                  planned (10.5 mL; limit 10 mL). [1,2]
      ADVICE   5: candidacy note, counseling ×3, dose note (in the full report)
      SOURCES  [1] Consumer article on sclerotherapy… [2] Asclera (polidocanol) injection 0.5… §16, §2
               (links in the full report)
      Decision support only: the findings advise; the treating clinician decides.
      "
    `);
  });

  it('deferral', async () => {
    expect(await brief('examples/deferral.json')).toMatchInlineSnapshot(`
      "SCLEROTHERAPY CHECK 2026-11-23 · sclerotherapy-cds default rules 2.0.0 · labels: stricter of US/EU
      PATIENT  Candidate
      SESSION  May go ahead for some veins; others wait
               Treat today: spider veins (telangiectasia), right leg
               Deferred: spider veins (telangiectasia), left leg
               liquid 2 of 10 mL · 1 of 5 vials (2 mL each) · polidocanol 10 of 136 mg today
      WHY      !! Spider or reticular targets share a leg with varicose veins or truncal reflux to be
                  treated; deferring them is advised (spider veins (telangiectasia), left leg). [1,2]
      ADVICE   7: aftercare ×3, candidacy note, counseling ×3 (in the full report)
      SOURCES  [1] Clinic patient-information page… [2] NICE clinical guideline CG168… (links in the full
               report)
      Decision support only: the findings advise; the treating clinician decides.
      "
    `);
  });

  it('held session', async () => {
    expect(await brief('examples/held-session.json')).toMatchInlineSnapshot(`
      "SCLEROTHERAPY CHECK 2026-11-23 · sclerotherapy-cds default rules 2.0.0 · labels: stricter of US/EU
      PATIENT  Not yet decided: information is missing
      SESSION  On hold until the items below are settled
               Held: left thigh, lateral cluster; spider veins (telangiectasia), right leg
               liquid 3 of 10 mL · 2 of 5 vials (2 mL each) · polidocanol 15 of 136 mg today
      WHY      !  Pregnancy status is not documented for a patient who could be pregnant; a planned
                  session is held until it is. [1,2,3]
               !  Earlier sclerotherapy sessions are not documented; the session is held until they are.
                  [3,4,5]
      TO DO    ☐ Can these be documented: pregnancy status; earlier sclerotherapy sessions?
      ADVICE   4: candidacy note, counseling ×3 (in the full report)
      SOURCES  [1] Wong M, Parsi K, Myers K, et al… [2] NICE clinical guideline CG168… [3] Asclera
               (polidocanol) injection 0.5… §5, §2 [4] Varithena (polidocanol injectable… §2 [5]
               Aethoxysklerol (polidocanol… (links in the full report)
      Decision support only: the findings advise; the treating clinician decides.
      "
    `);
  });

  it('spider veins', async () => {
    expect(await brief('examples/spider-veins.json')).toMatchInlineSnapshot(`
      "SCLEROTHERAPY CHECK 2026-11-23 · sclerotherapy-cds default rules 2.0.0 · labels: stricter of US/EU
      PATIENT  Candidate
      SESSION  May go ahead as planned
               Treat today: spider veins (telangiectasia), left leg; spider veins (telangiectasia), right
               leg
               liquid 3 of 10 mL · 2 of 5 vials (2 mL each) · polidocanol 15 of 136 mg today
      ADVICE   7: aftercare ×3, candidacy note, counseling ×3 (in the full report)
      Decision support only: the findings advise; the treating clinician decides.
      "
    `);
  });
});

describe('formatAssessment', () => {
  it('never prints a value just over a limit as equal to it', async () => {
    const assessment = await assessFile('examples/capped-session.json');
    const over: Assessment = {
      ...assessment,
      session: { ...assessment.session, totals: { ...assessment.session.totals, liquidVolumeMl: 10.004 } },
      findings: assessment.findings.map((f) => ({ ...f, evidence: f.evidence.map((e) => (e.expectedFrom === 'limits.maxVolumeMl' ? { ...e, actual: 10.004 } : e)) })),
    };
    for (const format of ['text', 'markdown', 'html'] as const) {
      const text = formatAssessment(over, { format, detail: 'full' });
      expect(text).toContain('liquid 10.004 of 10 mL');
      expect(text).not.toMatch(/liquid 10 of 10 mL/);
    }
    expect(formatAssessment(over)).toContain('(10.004 mL; limit 10 mL)');
  });

  it('names the overlay, its version and approver in the header, and marks what it changed', async () => {
    const overlay = JSON.parse(await readFile('examples/overlays/clinic-8ml.json', 'utf8')) as unknown;
    const ruleSet = applyOverlay(defaultRuleSet, overlay);
    if (ruleSet._tag === 'Left') throw new Error('the example overlay is refused');
    const assessment = await assessFile('examples/capped-session.json', { ruleSet: ruleSet.right });
    const header = 'Riverside Vein Clinic policy 2026.1 (approved by Dr A. Example, medical director on 2026-10-01)';
    for (const format of ['text', 'markdown', 'html'] as const) {
      const text = formatAssessment(assessment, { format, width: 400 });
      expect(text).toContain(header);
      expect(text).toContain('Changed by Riverside Vein Clinic policy 2026.1');
      expect(text).toContain('Riverside Vein Clinic sclerotherapy');
    }
    expect(formatAssessment(assessment, { detail: 'full' })).toContain('    Changed by Riverside Vein Clinic policy 2026.1\n');
  });

  it('cites each source once, numbered, with all the parts cited', async () => {
    const assessment = await assessFile('examples/capped-session.json');
    const full = formatAssessment(assessment, { detail: 'full', width: 400 });
    const sources = full.slice(full.indexOf('\nSOURCES\n'));
    const asclera = sources.split('\n').filter((line) => line.includes('Asclera (polidocanol) injection'));
    expect(asclera).toHaveLength(1);
    expect(asclera[0]).toMatch(/§16, §2.* https:\/\/dailymed\.nlm\.nih\.gov\//);
    const markdown = formatAssessment(assessment, { format: 'markdown' });
    expect(markdown).toMatch(/\n2\. \[Asclera \(polidocanol\) injection[^\n]*§16, §2\]\(https:\/\/dailymed/);
  });

  it('colours only when asked, and the text is the same without the colour', async () => {
    const assessment = await assessFile('examples/deferral.json');
    const plain = formatAssessment(assessment);
    const coloured = formatAssessment(assessment, { color: true });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[31m!! \u001b[0m');
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('wraps to the width it is given, never below 40', async () => {
    const assessment = await assessFile('examples/held-session.json');
    for (const width of [40, 72, 100]) {
      const lines = formatAssessment(assessment, { width, detail: 'full' }).split('\n');
      const long = lines.filter((line) => line.length > width && !/^\s*\S+$/.test(line) && !/https?:\/\//.test(line));
      expect(long).toEqual([]);
    }
    expect(formatAssessment(assessment, { width: 5 })).toBe(formatAssessment(assessment, { width: 40 }));
  });

  it('never throws: anything but an Assessment gets a sentence with the bad paths', async () => {
    for (const value of [null, undefined, 42, {}, { status: 'candidate' }]) {
      expect(formatAssessment(value as unknown as Assessment)).toMatch(/^The assessment could not be shown; it is not an Assessment as assess returns it \(/);
    }
    const assessment = await assessFile('examples/deferral.json');
    expect(formatAssessment({ ...assessment, session: { ...assessment.session, status: 'maybe' } } as unknown as Assessment)).toContain('session.status: ');
    expect(formatAssessment(assessment, null as unknown as undefined)).toBe(formatAssessment(assessment));
  });

  it('draws each vein in HTML with its id and fate, escaping what it shows', async () => {
    const request = JSON.parse(await readFile('examples/deferral.json', 'utf8')) as { veins: { id: string; label?: string }[] };
    request.veins = request.veins.map((v) => (v.id === 'left-knee-spiders' ? { ...v, label: 'knee <b>"inner"</b>' } : v));
    const html = formatAssessment(await assessValid(request), { format: 'html' });
    expect(html).toContain('data-vein-id="left-knee-spiders" data-fate="deferred"');
    expect(html).toContain('data-vein-id="right-thigh-spiders" data-fate="treat"');
    expect(html).toContain('knee &lt;b&gt;&quot;inner&quot;&lt;/b&gt;');
    expect(html).not.toContain('<b>"inner"</b>');
    expect(html).not.toMatch(/<script|<link|src="http/);
  });
});
