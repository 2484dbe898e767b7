/**
 * Wraps text at word boundaries to lines of at most `width` characters; a word longer than a line
 * (a long link) gets a line of its own rather than being cut.
 * @param text - one paragraph
 * @param width - the longest line
 * @returns the lines
 */
export const wrapText = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
};

/**
 * Wraps text under a label column: the first line starts with the label, the rest are indented.
 * @param label - the label, padded to `indent`
 * @param text - the paragraph
 * @param width - the longest line
 * @param indent - the width of the label column
 * @returns the lines
 */
export const hangingWrap = (label: string, text: string, width: number, indent: number): string[] =>
  wrapText(text, Math.max(20, width - indent)).map((line, i) => `${i === 0 ? label.padEnd(indent) : ' '.repeat(indent)}${line}`);
