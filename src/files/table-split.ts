/** How the cells of a file's lines are separated; 'space' is any run of spaces. */
export type Separator = '\t' | ';' | ',' | 'space';

/**
 * The file's separator, decided from its first line (quoted cells aside): a tab, else a semicolon, else a comma when the
 * comma-separated cells hold no spaces (`0, 1, 0`) or the line has letters (a header such as
 * `body temp, pulse, sick`), else spaces. So `0,5 1 0` is space-separated with a decimal comma, as
 * typed rows are.
 */
export function detectSeparator(firstLine: string): Separator {
  const bare = firstLine.replace(/"[^"]*"/g, '""');
  if (bare.includes('\t')) return '\t';
  if (bare.includes(';')) return ';';
  if (bare.includes(',')) {
    const cells = splitCells(bare, ',');
    if (/\p{L}/u.test(bare.replace(/\d[eE][+-]?\d/g, '')) || cells.every((c) => !/\s/.test(c))) {
      return ',';
    }
  }
  return 'space';
}

/**
 * The trimmed cells of one line. Cells may be quoted as spreadsheets write them (`"a;b"`, `""` inside
 * for a quote), so a quoted cell keeps its separators.
 */
export function splitCells(line: string, separator: Separator): string[] {
  const trimmed = line.trim();
  if (separator === 'space') return trimmed === '' ? [] : trimmed.split(/\s+/).map(unquote);
  if (!trimmed.includes('"')) return trimmed.split(separator).map((cell) => cell.trim());
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < trimmed.length; i++) {
    const char = trimmed[i] as string;
    if (quoted) {
      if (char !== '"') cell += char;
      else if (trimmed[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (char === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (char === separator) {
      cells.push(cell.trim());
      cell = '';
    } else cell += char;
  }
  cells.push(cell.trim());
  return cells;
}

/** A cell without the double quotes around it, `""` inside read as one quote. */
export function unquote(cell: string): string {
  return cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"')
    ? cell.slice(1, -1).replaceAll('""', '"')
    : cell;
}
