import type { NumberFormat } from '../../../core/number-format.js';
import type { Row } from '../../../core/types.js';
import { escapeHtml } from '../../../i18n/i18n.js';
import { MESSAGE_LIMIT } from '../reply.js';

/**
 * Right-aligned monospace lines `#  inputs → output`, one per row, numbered from 1; the part after the
 * number reads back as the same row when pasted as a message.
 */
export function renderRowLines(
  numbers: NumberFormat,
  rows: readonly Row[],
  extra?: (index: number) => string,
): string[] {
  const cells = rows.map((row) => numbers.inputs(row.inputs));
  const width = Math.max(1, ...cells.flat().map((c) => c.length));
  const numberWidth = String(rows.length).length;
  return rows.map((row, i) => {
    const inputs = (cells[i] ?? []).map((c) => c.padStart(width)).join(' ');
    const tail = extra ? `  ${extra(i)}` : '';
    return `${String(i + 1).padStart(numberWidth)}│ ${inputs} → ${numbers.value(row.output)}${tail}`;
  });
}

/**
 * Packs lines into <pre> blocks, each message within Telegram's limit; the title opens the first one.
 * Lines are plain text and escaped here.
 */
export function packIntoMessages(title: string, lines: readonly string[], limit = MESSAGE_LIMIT): string[] {
  const messages: string[] = [];
  let current: string[] = [];
  let prefix = `${title}\n`;
  const size = (block: string[]) => prefix.length + '<pre></pre>'.length + block.join('\n').length;
  for (const line of lines.map(escapeHtml)) {
    if (current.length > 0 && size([...current, line]) > limit) {
      messages.push(`${prefix}<pre>${current.join('\n')}</pre>`);
      current = [];
      prefix = '';
    }
    current.push(line);
  }
  messages.push(`${prefix}<pre>${current.join('\n')}</pre>`);
  return messages;
}
