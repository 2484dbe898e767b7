// The plain-text view: a brief report that fits one screen, or the full one with every finding.
import type { Assessment } from '../model/assessment.js';
import type { SessionStatus, Status } from '../model/vocabulary.js';
import { buildView, type AssessmentView, type Detail, type FindingView } from './view.js';
import type { Footnote } from './sources.js';
import { shortTitle } from './sources.js';
import { hangingWrap, wrapText } from './wrap.js';

/** Options of the text view. */
export interface TextOptions {
  readonly detail: Detail;
  readonly width: number;
  readonly color: boolean;
}

type Tone = 'good' | 'caution' | 'bad' | 'plain';

const ANSI: Readonly<Record<Tone | 'bold' | 'dim', string>> = { good: '32', caution: '33', bad: '31', plain: '0', bold: '1', dim: '2' };

const paint = (color: boolean, code: keyof typeof ANSI, text: string): string => (color && code !== 'plain' ? `\u001b[${ANSI[code]}m${text}\u001b[0m` : text);

const STATUS_TONE: Readonly<Record<Status, Tone>> = {
  candidate: 'good',
  'candidate-with-precautions': 'caution',
  'insufficient-information': 'caution',
  refer: 'caution',
  'not-candidate': 'bad',
};
const SESSION_TONE: Readonly<Record<SessionStatus, Tone>> = {
  'not-planned': 'plain',
  approved: 'good',
  'approved-with-deferrals': 'caution',
  held: 'caution',
  blocked: 'bad',
};

const COLUMN = 9;

type Toned = AssessmentView & { readonly patientTone: Tone; readonly sessionTone: Tone };

const marks = (numbers: readonly number[]): string => (numbers.length === 0 ? '' : ` [${numbers.join(',')}]`);

const footnoteText = (note: Footnote, brief: boolean): string => {
  const locators = note.locators.length === 0 ? '' : ` ${note.locators.join(', ')}`;
  // The brief view names each source; its link is in the full view, where a line can hold it.
  return brief ? `[${note.number}] ${shortTitle(note.title)}${locators}` : `[${note.number}] ${note.title}${locators}${note.url === undefined ? '' : ` ${note.url}`}`;
};

// Paints a block of lines whose first COLUMN characters are the label.
const labelled = (lines: readonly string[], color: boolean, tone: Tone = 'plain'): string[] =>
  lines.map((line) => `${paint(color, 'bold', line.slice(0, COLUMN))}${paint(color, tone, line.slice(COLUMN))}`);

const findingBlock = (finding: FindingView, width: number, color: boolean): string[] => {
  const tone: Tone = finding.severity === 'critical' ? 'bad' : finding.severity === 'warning' ? 'caution' : 'plain';
  // The label starts the paragraph; continuation lines are indented under it.
  const field = (label: string, text: string | undefined): string[] =>
    text === undefined || text === '' ? [] : wrapText(`${label}${text}`, width - 6).map((line, i) => `${i === 0 ? '    ' : '      '}${line}`);
  return [
    ...wrapText(`${finding.summary}${marks(finding.footnotes)}`, width - 2).map((line) => `  ${paint(color, tone, line)}`),
    ...field('Why: ', finding.detail),
    ...field('Values: ', finding.values.join('; ')),
    ...field('Veins: ', finding.veins),
    ...field('To document: ', finding.toDocument),
    ...field('What would change it: ', finding.resolution),
    ...field('Changed by ', finding.changedBy),
    ...field('Technical: ', finding.technical).map((line) => paint(color, 'dim', line)),
  ];
};

const briefLines = (view: Toned, options: TextOptions): string[] => {
  const { width, color } = options;
  const lines = [
    ...wrapText(`${view.title.toUpperCase()} ${view.header.join(' · ')}`, width).map((line) => paint(color, 'bold', line)),
    ...labelled(hangingWrap('PATIENT', view.patient, width, COLUMN), color, view.patientTone),
    ...labelled(hangingWrap('SESSION', view.session, width, COLUMN), color, view.sessionTone),
    ...view.sessionLines.flatMap((line) => hangingWrap('', line, width, COLUMN)),
  ];
  view.reasons.forEach((reason, i) => {
    const changed = reason.changedBy === undefined ? '' : ` Changed by ${reason.changedBy}.`;
    const mark = reason.severity === 'critical' ? '!! ' : '!  ';
    const wrapped = hangingWrap(i === 0 ? 'WHY' : '', `${reason.text}${changed}${marks(reason.footnotes)}`, width, COLUMN + 3);
    lines.push(
      ...wrapped.map((line, j) => {
        const head = paint(color, 'bold', line.slice(0, COLUMN));
        const marker = j === 0 ? paint(color, reason.severity === 'critical' ? 'bad' : 'caution', mark) : '   ';
        return `${head}${marker}${line.slice(COLUMN + 3)}`;
      }),
    );
  });
  view.toDo.forEach((item, i) => lines.push(...labelled(hangingWrap(i === 0 ? 'TO DO' : '', `☐ ${item}`, width, COLUMN), color)));
  return lines;
};

const renderText = (view: Toned, options: TextOptions): string => {
  const { width, color } = options;
  const full = options.detail === 'full';
  const lines = briefLines(view, options);
  if (view.advice !== undefined) lines.push(...labelled(hangingWrap('ADVICE', full ? view.advice : `${view.advice} (in the full report)`, width, COLUMN), color));
  if (full) {
    for (const severity of ['critical', 'warning', 'info'] as const) {
      const group = view.findings.filter((f) => f.severity === severity);
      if (group.length > 0) lines.push('', paint(color, 'bold', `${severity.toUpperCase()} (${group.length})`), ...group.flatMap((f) => findingBlock(f, width, color)));
    }
    if (view.footnotes.length > 0) lines.push('', paint(color, 'bold', 'SOURCES'), ...view.footnotes.flatMap((note) => hangingWrap('', footnoteText(note, false), width, 2)));
    lines.push('');
  } else if (view.footnotes.length > 0) {
    lines.push(...labelled(hangingWrap('SOURCES', `${view.footnotes.map((note) => footnoteText(note, true)).join('  ')} (links in the full report)`, width, COLUMN), color));
  }
  lines.push(...wrapText(view.disclaimer, width).map((line) => paint(color, 'dim', line)));
  return `${lines.join('\n')}\n`;
};

/**
 * Writes an assessment as plain text for a terminal or a note: brief (verdicts, reasons, what to do,
 * sources; one screen) or full (every finding with its values, resolution and sources).
 * @param assessment - the assessment
 * @param options - brief or full, the line width, and whether to use ANSI colour
 * @returns the text, ending with a newline
 */
export const formatText = (assessment: Assessment, options: TextOptions): string => {
  const view = buildView(assessment, options.detail);
  return renderText({ ...view, patientTone: STATUS_TONE[assessment.status], sessionTone: SESSION_TONE[assessment.session.status] }, options);
};
