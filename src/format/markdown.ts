// The Markdown view: the brief report as GitHub-flavoured Markdown, and in full every finding as the cards show it.
import type { Assessment } from '../model/assessment.js';
import { veinNamer } from '../explain/present.js';
import { escapeMarkdown } from './markdown-escape.js';
import { findingMarkdown, footnoteMarkdown } from './finding-markdown.js';
import { buildView, type Detail } from './view.js';
import { FATE_WORDS } from './words.js';

const sup = (numbers: readonly number[]): string => (numbers.length === 0 ? '' : ` [${numbers.join(',')}]`);

/**
 * Writes an assessment as GitHub-flavoured Markdown, e.g. for a note or a pull request.
 * @param assessment - the assessment
 * @param detail - brief, or full with every finding
 * @returns the Markdown, ending with a newline
 */
export const formatMarkdown = (assessment: Assessment, detail: Detail): string => {
  const view = buildView(assessment, detail);
  const name = veinNamer({ veins: view.veins.map((vein) => ({ id: vein.id, label: vein.name })) });
  const lines = [
    `# ${view.title}`,
    '',
    escapeMarkdown(view.header.join(' · ')),
    '',
    `**Patient:** ${escapeMarkdown(view.patient)}  `,
    `**Session:** ${escapeMarkdown(view.session)}`,
    '',
    ...view.sessionLines.map((line) => `- ${escapeMarkdown(line)}`),
  ];
  if (view.reasons.length > 0) {
    lines.push('', '## Why', '');
    for (const reason of view.reasons) {
      const changed = reason.changedBy === undefined ? '' : ` *Changed by ${escapeMarkdown(reason.changedBy)}.*`;
      lines.push(`- **${reason.severity === 'critical' ? 'Critical' : 'Warning'}:** ${escapeMarkdown(reason.text)}${changed}${sup(reason.footnotes)}`);
    }
  }
  if (view.toDo.length > 0) lines.push('', '## To do', '', ...view.toDo.map((item) => `- [ ] ${escapeMarkdown(item)}`));
  if (view.advice !== undefined) lines.push('', `**Advice:** ${escapeMarkdown(view.advice)}${detail === 'full' ? '' : ' (in the full report)'}`);
  if (view.veins.length > 0) {
    lines.push('', '## Veins', '', '| Vein | Today |', '| --- | --- |', ...view.veins.map((vein) => `| ${escapeMarkdown(vein.name)} | ${FATE_WORDS[vein.fate]} |`));
  }
  if (detail === 'full') {
    for (const finding of assessment.findings) lines.push('', `### ${escapeMarkdown(finding.summary)}`, '', findingMarkdown(finding, name));
  }
  if (view.footnotes.length > 0) lines.push('', '## Sources', '', ...view.footnotes.map((note) => `${note.number}. ${footnoteMarkdown(note)}`));
  lines.push('', `*${escapeMarkdown(view.disclaimer)}*`);
  return `${lines.join('\n')}\n`;
};
