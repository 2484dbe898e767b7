// The cards' Markdown comes from the shared renderer (src/format): the same words, value formatting
// and citations as the CLI report and the HTML view.
export { codeSpan, escapeMarkdown, isLinkableUrl } from '../../../format/markdown-escape.js';
export { actionMarkdown, findingMarkdown, holdsMarkdown, infoMarkdown } from '../../../format/finding-markdown.js';
