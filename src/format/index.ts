// One renderer for every view of an assessment: the CLI report, the CDS card text and the HTML page.
// Pure string output, no Node built-ins, so it runs in a browser as well.
import { AssessmentSchema, type Assessment } from '../model/assessment.js';
import { formatPath } from '../model/issues.js';
import { formatText } from './text.js';
import { formatMarkdown } from './markdown.js';
import { formatHtml } from './html.js';
import type { Detail } from './view.js';

/** Options of {@link formatAssessment}. */
export interface FormatOptions {
  /** `text` (default), `markdown` (GitHub-flavoured) or `html` (one self-contained page with a leg diagram). */
  readonly format?: 'text' | 'markdown' | 'html';
  /** `brief` (default): verdicts, reasons, what to do and sources. `full`: also every finding in full. */
  readonly detail?: Detail;
  /** For text: the longest line (default 100, at least 40). */
  readonly width?: number;
  /** For text: ANSI colour (default false). */
  readonly color?: boolean;
}

const render = (assessment: Assessment, options: FormatOptions): string => {
  const detail: Detail = options.detail === 'full' ? 'full' : 'brief';
  if (options.format === 'markdown') return formatMarkdown(assessment, detail);
  if (options.format === 'html') return formatHtml(assessment, detail);
  const width = typeof options.width === 'number' && Number.isFinite(options.width) ? Math.max(40, Math.floor(options.width)) : 100;
  return formatText(assessment, { detail, width, color: options.color === true });
};


/**
 * Writes an assessment for people: as text, Markdown or an HTML page, brief or full. Every view names
 * veins and facts in clinical words, cites each source once with its link, names the clinic overlay
 * in force, and never shows request paths, fact names or rule ids except in the full view's
 * technical lines.
 *
 * It never throws: given something that is not an Assessment, it returns a short text saying so,
 * with the path of each bad field, so that a missing report is never mistaken for "no concerns".
 * @param assessment - the assessment, as `assess` returns it
 * @param options - format, detail, width and colour
 * @returns the text of the view
 */
export const formatAssessment = (assessment: Assessment, options: FormatOptions = {}): string => {
  const checked = AssessmentSchema.safeParse(assessment);
  if (!checked.success) {
    const problems = checked.error.issues.slice(0, 5).map((issue) => `${formatPath(issue.path.filter((p): p is string | number => typeof p !== 'symbol'))}: ${issue.message}`);
    return `The assessment could not be shown; it is not an Assessment as assess returns it (${problems.join('; ')}).\n`;
  }
  return render(checked.data, typeof options === 'object' && options !== null ? options : {});
};

export type { Detail } from './view.js';
