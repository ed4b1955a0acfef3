import { describe, expect, it } from 'vitest';
import { packIntoMessages, renderRowLines } from '../../../../src/bot/kit/render/data-table.js';
import { numberFormatFor } from '../../../../src/core/number-format.js';

const en = numberFormatFor('en');

describe('the data table', () => {
  it('numbers rows and aligns the inputs', () => {
    const lines = renderRowLines(en, [
      { inputs: [0, 10, 1], output: 0 },
      { inputs: [1, 1, 1], output: 0.5 },
    ]);
    expect(lines).toEqual(['1│  0 10  1 → 0', '2│  1  1  1 → 0.5']);
  });

  it('splits long tables into messages within the limit, every row kept once', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      inputs: Array.from({ length: 32 }, () => i % 2),
      output: 1,
    }));
    const messages = packIntoMessages('<b>Your dataset</b>', renderRowLines(en, rows));
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(4096);
    expect(messages[0]).toMatch(/^<b>Your dataset<\/b>\n<pre> {3}1│/);
    const rowNumbers = messages.flatMap((m) =>
      [...m.matchAll(/^(?:<pre>)?\s*(\d+)│/gm)].map((match) => Number(match[1])),
    );
    expect(rowNumbers).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });

  it('escapes what Telegram would read as markup', () => {
    expect(packIntoMessages('t', ['a < b & c'])).toEqual(['t\n<pre>a &lt; b &amp; c</pre>']);
  });
});
