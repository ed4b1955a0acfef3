/** A small RFC 4180 reader, written apart from the writer, so that a round trip can fail. */
export function parseCsv(text: string, separator: ',' | ';' = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += c;
    } else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i += 1;
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('the last line has no CRLF');
  return rows;
}

/** A results file as a spreadsheet opens it: a UTF-8 byte order mark first, then rows split on `separator`. */
export function parseResultsCsv(text: string, separator: ',' | ';' = ','): string[][] {
  if (!text.startsWith('\uFEFF')) throw new Error(`the results file has no BOM: «${text.slice(0, 20)}»`);
  return parseCsv(text.slice(1), separator);
}
