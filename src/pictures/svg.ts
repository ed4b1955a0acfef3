/** Small builders of SVG markup; every piece of text goes through escapeXml. */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextStyle {
  size: number;
  anchor?: 'start' | 'middle' | 'end';
  weight?: 'bold';
  fill?: string;
  /** Turned a quarter to the left about (x, y), to read upwards, as a vertical axis's name. */
  upwards?: boolean;
}

export const FONT_FAMILY = 'DejaVu Sans';

/**
 * The smallest text any picture draws, in a picture 1,280 wide: shown full width on a phone about 390 pt
 * wide, it reads at 16 pt, as large as Telegram's own caption text.
 */
export const MIN_TEXT_SIZE = 52;
/** A panel's title. */
export const TITLE_SIZE = 60;
/** The picture's top line. */
export const HEADLINE_SIZE = 66;
export const INK = '#1f2328';
export const MUTED = '#57606a';

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Rounds coordinates to 0.1 px: enough for a picture, and the markup stays short. */
export const px = (n: number): string => String(Math.round(n * 10) / 10);

export function drawText(x: number, y: number, content: string, style: TextStyle): string {
  const anchor = style.anchor && style.anchor !== 'start' ? ` text-anchor="${style.anchor}"` : '';
  const weight = style.weight ? ` font-weight="${style.weight}"` : '';
  const turn = style.upwards ? ` transform="rotate(-90 ${px(x)} ${px(y)})"` : '';
  return `<text x="${px(x)}" y="${px(y)}" font-size="${style.size}"${anchor}${weight} fill="${style.fill ?? INK}"${turn}>${escapeXml(content)}</text>`;
}

export function drawLine(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  stroke: string,
  width = 2,
  extra = '',
): string {
  return `<line x1="${px(x1)}" y1="${px(y1)}" x2="${px(x2)}" y2="${px(y2)}" stroke="${stroke}" stroke-width="${px(width)}"${extra}/>`;
}

export function drawCircle(cx: number, cy: number, r: number, attributes: string): string {
  return `<circle cx="${px(cx)}" cy="${px(cy)}" r="${px(r)}" ${attributes}/>`;
}

export function drawRect(box: Box, attributes: string): string {
  return `<rect x="${px(box.x)}" y="${px(box.y)}" width="${px(box.width)}" height="${px(box.height)}" ${attributes}/>`;
}

/** A whole SVG document on a white background, text in the bundled font. */
export function wrapSvg(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

const NARROW = new Set(" .,:;!|'()[]ijlftr·");
const WIDE = new Set('mwMWшщжюыфШЩЖЮЫФ—');
const MATH = new Set('+=−<>≤±×Σ');
const SUPERSCRIPT = new Set('⁰¹²³⁴⁵⁶⁷⁸⁹⁻');

/**
 * A width of text in DejaVu Sans on the safe side, for layout decisions: its narrow letters take about
 * 0.36 em, the superscripts of 10⁻⁵ half an em, its widest and the math signs 0.84 to 0.95 em, the rest
 * (digits, most Cyrillic) about 0.66 em; bold is a tenth wider.
 */
export function estimateTextWidth(text: string, size: number, bold = false): number {
  let ems = 0;
  for (const c of text) ems += NARROW.has(c) ? 0.36 : SUPERSCRIPT.has(c) ? 0.52 : widthOfBroad(c);
  return ems * size * (bold ? 1.1 : 1);
}

const widthOfBroad = (c: string): number => (WIDE.has(c) ? 0.95 : MATH.has(c) ? 0.84 : 0.66);

/**
 * Text that must stay within `width`: drawn at `style.size` if it fits; else smaller, down to
 * MIN_TEXT_SIZE, if that makes it fit whole; else at `style.size`, cut with an ellipsis.
 */
export function drawFittedText(x: number, y: number, content: string, width: number, style: TextStyle) {
  const bold = style.weight === 'bold';
  const fitting = Math.min(style.size, Math.floor(width / estimateTextWidth(content, 1, bold)));
  if (fitting >= MIN_TEXT_SIZE) return drawText(x, y, content, { ...style, size: fitting });
  let text = content;
  while (estimateTextWidth(text, style.size, bold) > width && text.length > 1)
    text = `${[...text].slice(0, -2).join('').trimEnd()}…`;
  return drawText(x, y, text, style);
}
