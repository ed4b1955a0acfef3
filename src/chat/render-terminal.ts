/** Telegram HTML as terminal text: bold stays bold, code is cyan, entities are decoded. */
export function renderHtmlForTerminal(html: string, colors: boolean): string {
  const style = (open: string, close: string) => (colors ? [open, close] : ['', '']);
  const [boldOn = '', boldOff = ''] = style('\x1b[1m', '\x1b[22m');
  const [codeOn = '', codeOff = ''] = style('\x1b[36m', '\x1b[39m');
  return html
    .replace(/<\/?(b|strong)>/g, (tag) => (tag.startsWith('</') ? boldOff : boldOn))
    .replace(/<\/?(code|pre)>/g, (tag) => (tag.startsWith('</') ? codeOff : codeOn))
    .replace(/<[^>]+>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');
}

/** Numbered inline buttons as `[1] label   [2] label ↗` (↗ a link), one keyboard row per line. */
export function renderButtons(rows: readonly { text: string; number: number; link: boolean }[][]): string {
  return rows
    .map((row) => row.map((b) => `[${b.number}] ${b.text}${b.link ? ' ↗' : ''}`).join('   '))
    .join('\n');
}
