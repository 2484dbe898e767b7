// The HTML view: one self-contained, printable page (inline CSS and SVG, no scripts, no external
// assets) with the brief content, a diagram of both legs and, in full, every finding.
import type { Assessment } from '../model/assessment.js';
import { buildView, type AssessmentView, type Detail, type FindingView } from './view.js';
import type { Footnote } from './sources.js';
import { isLinkableUrl } from './markdown-escape.js';
import { escapeHtml as h } from './html-escape.js';
import { legDiagram, legendSvg } from './leg-diagram.js';
import { FATE_WORDS } from './words.js';

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;margin:0;background:#fff}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 6px;text-transform:uppercase;letter-spacing:.04em}
.meta{color:#555;margin:0 0 16px}
.verdicts{display:grid;grid-template-columns:auto 1fr;gap:4px 16px;padding:12px 16px;border:2px solid #444;border-radius:6px}
.verdicts dt{font-weight:700}.verdicts dd{margin:0}
.tone-good{color:#1b5e20}.tone-caution{color:#8a5a00}.tone-bad{color:#b71c1c}
ul.why{padding-left:0;list-style:none}ul.why li{margin:4px 0;display:flex;gap:4px}
.sev{display:inline-block;width:22px;font-weight:700}.sev-critical{color:#b71c1c}.sev-warning{color:#8a5a00}
ul.todo{list-style:none;padding-left:0}ul.todo li::before{content:"\\2610  ";}
.changed{font-style:italic;color:#4a148c}
.diagram{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start;margin-top:8px}.diagram>div{flex:1;min-width:280px}
svg.legs{width:360px;max-width:100%;height:auto}svg.legend{width:250px;height:auto;display:block;margin-bottom:12px}
svg text{font:13px system-ui,sans-serif;fill:#1a1a1a}svg text.num{font-weight:700}svg text.side{font-weight:700;font-size:12px}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
.finding{border-left:4px solid #999;padding:4px 12px;margin:12px 0}.finding.critical{border-color:#b71c1c}.finding.warning{border-color:#c77800}
.finding p{margin:4px 0}.tech{color:#666;font-size:12px}
sup{font-size:11px}
footer{margin-top:24px;color:#444;font-style:italic}
@media print{main{padding:0}a{color:inherit}.finding{break-inside:avoid}.diagram{break-inside:avoid}}
`;

const TONES: Readonly<Record<string, string>> = {
  candidate: 'good',
  'candidate-with-precautions': 'caution',
  'insufficient-information': 'caution',
  refer: 'caution',
  'not-candidate': 'bad',
  approved: 'good',
  'approved-with-deferrals': 'caution',
  held: 'caution',
  blocked: 'bad',
  'not-planned': 'none',
};

const refs = (numbers: readonly number[]): string => (numbers.length === 0 ? '' : ` <sup>[${numbers.map((n) => `<a href="#source-${n}">${n}</a>`).join(',')}]</sup>`);

const source = (note: Footnote): string => {
  const title = `${h(note.title)}${note.locators.length === 0 ? '' : `, ${h(note.locators.join(', '))}`}`;
  const link = note.url === undefined ? '' : isLinkableUrl(note.url) ? ` <a href="${h(note.url)}" rel="noopener noreferrer">${h(note.url)}</a>` : ` (${h(note.url)})`;
  return `<li id="source-${note.number}">${title}${link}</li>`;
};

const findingHtml = (finding: FindingView): string => {
  const row = (label: string, text: string | undefined): string => (text === undefined || text === '' ? '' : `<p><strong>${label}</strong> ${h(text)}</p>`);
  return [
    `<section class="finding ${finding.severity}"><h3>${h(finding.summary)}${refs(finding.footnotes)}</h3>`,
    row('Why:', finding.detail),
    row('Values:', finding.values.join('; ')),
    row('Veins:', finding.veins),
    row('To document:', finding.toDocument),
    row('What would change it:', finding.resolution),
    finding.changedBy === undefined ? '' : `<p class="changed">Changed by ${h(finding.changedBy)}.</p>`,
    `<p class="tech">${h(finding.technical)}</p></section>`,
  ].join('');
};

const body = (view: AssessmentView, assessment: Assessment, detail: Detail): string[] => {
  const veins = view.veins;
  const parts = [
    `<h1>${h(view.title)}</h1>`,
    `<p class="meta">${h(view.header.join(' · '))}</p>`,
    '<dl class="verdicts">',
    `<dt>Patient</dt><dd class="tone-${TONES[assessment.status] ?? 'none'}">${h(view.patient)}</dd>`,
    `<dt>Session</dt><dd class="tone-${TONES[assessment.session.status] ?? 'none'}">${h(view.session)}${view.sessionLines.map((line) => `<br>${h(line)}`).join('')}</dd>`,
    '</dl>',
  ];
  if (view.reasons.length > 0) {
    parts.push(
      '<h2>Why</h2><ul class="why">',
      ...view.reasons.map((r) => {
        const changed = r.changedBy === undefined ? '' : ` <span class="changed">Changed by ${h(r.changedBy)}.</span>`;
        return `<li><span class="sev sev-${r.severity}" title="${r.severity}">${r.severity === 'critical' ? '!!' : '!'}</span><span>${h(r.text)}${changed}${refs(r.footnotes)}</span></li>`;
      }),
      '</ul>',
    );
  }
  if (view.toDo.length > 0) parts.push('<h2>To do</h2><ul class="todo">', ...view.toDo.map((item) => `<li>${h(item)}</li>`), '</ul>');
  if (view.advice !== undefined) parts.push(`<p><strong>Advice:</strong> ${h(view.advice)}${detail === 'full' ? '' : ' (in the full report)'}</p>`);
  if (veins.length > 0) {
    parts.push(
      '<h2>Veins</h2><div class="diagram">',
      legDiagram(veins),
      '<div>',
      legendSvg(),
      '<table><thead><tr><th>#</th><th>Vein</th><th>Today</th></tr></thead><tbody>',
      ...veins.map((vein, i) => `<tr><td>${i + 1}</td><td>${h(vein.name)}${vein.region === 'leg' && vein.side === undefined && !vein.name.includes('side not recorded') ? ' (side not recorded: may be on either leg)' : ''}</td><td>${h(FATE_WORDS[vein.fate])}</td></tr>`),
      '</tbody></table></div></div>',
    );
  }
  if (detail === 'full' && view.findings.length > 0) parts.push('<h2>Findings</h2>', ...view.findings.map(findingHtml));
  if (view.footnotes.length > 0) parts.push('<h2>Sources</h2><ol class="sources">', ...view.footnotes.map(source), '</ol>');
  parts.push(`<footer>${h(view.disclaimer)}</footer>`);
  return parts;
};

/**
 * Writes an assessment as one self-contained, printable HTML page: the verdicts, reasons, what to
 * do, a diagram of both legs with every documented vein coloured and patterned by its fate today,
 * the sources with their links and, in full, every finding.
 * @param assessment - the assessment
 * @param detail - brief, or full with every finding
 * @returns the HTML document
 */
export const formatHtml = (assessment: Assessment, detail: Detail): string => {
  const view = buildView(assessment, detail);
  return [
    '<!doctype html>',
    '<html lang="en-US"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(view.title)} ${h(assessment.asOf)}</title>`,
    `<style>${STYLE}</style></head><body><main>`,
    ...body(view, assessment, detail),
    '</main></body></html>',
    '',
  ].join('\n');
};
