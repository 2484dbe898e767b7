// An SVG outline of both legs, front view, with each documented vein drawn on its side and marked by
// what becomes of it today: a colour and a pattern for the fate (readable in grey and by colour-blind
// readers), a shape for the kind, a hatched ring when the side is not recorded.
import type { AssessedVein, VeinFate } from '../model/assessment.js';
import { VEIN_FATES } from '../model/assessment.js';
import { escapeHtml } from './html-escape.js';
import { FATE_WORDS } from './words.js';

/** How each fate is drawn: a fill colour, a pattern over it, and the colour of the pattern and outline. */
const FATE_STYLE: Readonly<Record<VeinFate, { readonly fill: string; readonly ink: string; readonly pattern: string }>> = {
  treat: { fill: '#2e7d32', ink: '#0b3d0e', pattern: '' },
  deferred: { fill: '#f9a825', ink: '#6d4c00', pattern: '<path d="M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6" stroke-width="2"/>' },
  held: { fill: '#64b5f6', ink: '#0d3c6e', pattern: '<circle cx="4" cy="4" r="1.6"/>' },
  blocked: { fill: '#e57373', ink: '#7f0000', pattern: '<path d="M0,0 L8,8 M8,0 L0,8" stroke-width="1.6"/>' },
  untreated: { fill: '#ffffff', ink: '#616161', pattern: '' },
  treated: { fill: '#bdbdbd', ink: '#424242', pattern: '<path d="M0,2 L8,2 M0,6 L8,6" stroke-width="1.2"/>' },
};

const patternDefs = (): string =>
  VEIN_FATES.filter((fate) => FATE_STYLE[fate].pattern !== '')
    .map((fate) => {
      const style = FATE_STYLE[fate];
      return `<pattern id="fate-${fate}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${style.fill}"/><g stroke="${style.ink}" fill="${style.ink}">${style.pattern}</g></pattern>`;
    })
    .join('') +
  '<pattern id="side-unknown" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><path d="M0,0 L0,6" stroke="#000" stroke-width="3"/></pattern>';

const fillOf = (fate: VeinFate): string => (FATE_STYLE[fate].pattern === '' ? FATE_STYLE[fate].fill : `url(#fate-${fate})`);

/** A marker's shape by vein kind: circle for spider veins, diamond for reticular, long oval for varicose. */
const shape = (kind: string, x: number, y: number, fill: string, stroke: string, extra = ''): string => {
  const common = `fill="${fill}" stroke="${stroke}" stroke-width="2"${extra}`;
  if (kind === 'reticular') return `<path d="M${x},${y - 12} L${x + 11},${y} L${x},${y + 12} L${x - 11},${y} Z" ${common}/>`;
  if (kind === 'varicose') return `<rect x="${x - 7}" y="${y - 16}" width="14" height="32" rx="7" ${common}/>`;
  return `<circle cx="${x}" cy="${y}" r="10" ${common}/>`;
};

const marker = (vein: AssessedVein, number: number, x: number, y: number, labelSide: 'left' | 'right'): string => {
  const style = FATE_STYLE[vein.fate];
  const unknownSide = vein.region === 'leg' && vein.side === undefined;
  const ring = unknownSide ? `<circle cx="${x}" cy="${y}" r="19" fill="none" stroke="url(#side-unknown)" stroke-width="6"/>` : '';
  const dash = vein.fate === 'untreated' ? ' stroke-dasharray="4 3"' : '';
  const tx = labelSide === 'left' ? x - 24 : x + 24;
  const anchor = labelSide === 'left' ? 'end' : 'start';
  const title = `${number}. ${vein.name}: ${FATE_WORDS[vein.fate]}${unknownSide ? ' (side not recorded)' : ''}`;
  return (
    `<g class="vein" data-vein-id="${escapeHtml(vein.id)}" data-fate="${vein.fate}"><title>${escapeHtml(title)}</title>${ring}` +
    `${shape(vein.kind, x, y, fillOf(vein.fate), style.ink, dash)}` +
    `<text x="${tx}" y="${y + 5}" text-anchor="${anchor}" class="num">${number}</text></g>`
  );
};

const legPath = (cx: number, mirror: 1 | -1): string => {
  const p = (dx: number, y: number): string => `${cx + dx * mirror},${y}`;
  return `M${p(-40, 50)} C${p(-46, 150)} ${p(-32, 230)} ${p(-25, 270)} C${p(-32, 330)} ${p(-28, 390)} ${p(-15, 462)} L${p(-17, 492)} L${p(34, 496)} L${p(15, 462)} C${p(26, 390)} ${p(31, 330)} ${p(24, 270)} C${p(30, 230)} ${p(40, 150)} ${p(34, 50)} Z`;
};

const column = (veins: readonly { vein: AssessedVein; number: number }[], x: number, labelSide: 'left' | 'right', top = 90, bottom = 450): string =>
  veins.map(({ vein, number }, i) => marker(vein, number, x + (i % 2 === 0 ? -8 : 8), Math.round(top + ((i + 0.5) * (bottom - top)) / veins.length), labelSide)).join('');

/**
 * Draws both legs from the front (the patient's right leg on the viewer's left) with every leg vein
 * on its side, veins with no recorded side between the legs, and veins elsewhere in a row below.
 * @param veins - the assessment's veins, numbered in order from 1
 * @returns the SVG element
 */
export const legDiagram = (veins: readonly AssessedVein[]): string => {
  const numbered = veins.map((vein, i) => ({ vein, number: i + 1 }));
  const right = numbered.filter(({ vein }) => vein.region === 'leg' && vein.side === 'right');
  const left = numbered.filter(({ vein }) => vein.region === 'leg' && vein.side === 'left');
  const unknown = numbered.filter(({ vein }) => vein.region === 'leg' && vein.side === undefined);
  const elsewhere = numbered.filter(({ vein }) => vein.region !== 'leg');
  const height = elsewhere.length === 0 ? 530 : 600;
  const others = elsewhere
    .map(({ vein, number }, i) => marker(vein, number, 40 + (i % 8) * 40, 560 + Math.floor(i / 8) * 40, 'right'))
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 ${height + (elsewhere.length > 8 ? 40 * Math.floor((elsewhere.length - 1) / 8) : 0)}" role="img" aria-labelledby="legs-title" class="legs">`,
    '<title id="legs-title">Both legs from the front, with each documented vein marked by what becomes of it today</title>',
    `<defs>${patternDefs()}</defs>`,
    '<g class="outline" fill="#fbf7f2" stroke="#8d6e63" stroke-width="2">',
    `<path d="${legPath(110, 1)}"/><path d="${legPath(250, -1)}"/>`,
    '<path d="M70,50 C90,20 270,20 290,50" fill="none"/>',
    '</g>',
    '<text x="110" y="20" text-anchor="middle" class="side">RIGHT leg</text><text x="250" y="20" text-anchor="middle" class="side">LEFT leg</text>',
    column(right, 110, 'left'),
    column(left, 250, 'right'),
    unknown.length === 0 ? '' : `<text x="180" y="76" text-anchor="middle" class="note">side?</text>${column(unknown, 180, 'right', 110, 430)}`,
    elsewhere.length === 0 ? '' : `<text x="20" y="532" class="side">Other sites</text>${others}`,
    '</svg>',
  ].join('');
};

/**
 * The legend of the diagram: each fate's colour and pattern, each kind's shape, and the hatched ring.
 * It uses the diagram's patterns, so it goes in the same page.
 * @returns an SVG element
 */
export const legendSvg = (): string => {
  const fates = VEIN_FATES.map((fate, i) => {
    const y = 18 + i * 26;
    return `<g>${shape('telangiectasia', 16, y, fillOf(fate), FATE_STYLE[fate].ink, fate === 'untreated' ? ' stroke-dasharray="4 3"' : '')}<text x="34" y="${y + 5}">${escapeHtml(FATE_WORDS[fate])}</text></g>`;
  }).join('');
  const kinds = [
    ['telangiectasia', 'spider veins'],
    ['reticular', 'reticular vein'],
    ['varicose', 'varicose vein'],
  ]
    .map(([kind, words], i) => `<g>${shape(kind ?? '', 16, 180 + i * 36, '#fff', '#424242')}<text x="34" y="${185 + i * 36}">${words ?? ''}</text></g>`)
    .join('');
  const ring = `<g><circle cx="16" cy="296" r="13" fill="none" stroke="url(#side-unknown)" stroke-width="6"/><text x="38" y="301">side not recorded (either leg)</text></g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 250 318" class="legend" role="img" aria-label="Legend">${fates}${kinds}${ring}</svg>`;
};
