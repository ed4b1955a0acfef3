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
}

export const FONT_FAMILY = 'DejaVu Sans';
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
  return `<text x="${px(x)}" y="${px(y)}" font-size="${style.size}"${anchor}${weight} fill="${style.fill ?? INK}">${escapeXml(content)}</text>`;
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

/** A rough width of text in DejaVu Sans, for layout decisions (its average glyph is about 0.6 em). */
export const estimateTextWidth = (text: string, size: number): number => [...text].length * size * 0.6;
