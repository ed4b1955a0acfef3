import { describe, expect, it } from 'vitest';
import { describePicture, describeReplay } from '../../src/bot/kit/render/picture-input.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { countGroupedInputs } from '../../src/pictures/neuron-panel.js';
import { drawPicture, layoutPicture } from '../../src/pictures/picture.js';
import type { PictureInput } from '../../src/pictures/picture-types.js';
import { drawReplayFrames } from '../../src/pictures/replay-frames.js';
import { MUTED } from '../../src/pictures/svg.js';
import { createPictureCases, LONG_NAMES, type PictureCase } from '../helpers/picture-cases.js';
import { type Placed, placeTexts } from './place-texts.js';
import { crosses, findSynapses } from './synapse-lines.js';

const i18n = createI18n('en');
const cases = createPictureCases();
const caseNamed = (name: string) => cases.find((c) => c.name === name) as PictureCase;
/** Pictures with names that may not fit beside their boxes: named inputs, or more than nine. */
const wide = cases.filter((c) => c.columns || c.model.inputs > 9);

/** Text as written in the SVG, its escaped characters read back. */
const readXmlText = (text: string) =>
  text.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
/** Whether `drawn` is `name`, whole or cut with "…". */
const shows = (drawn: string, name: string) =>
  drawn === name || (drawn.endsWith('…') && drawn.length > 1 && name.startsWith(drawn.slice(0, -1)));

interface Drawn {
  input: PictureInput;
  svg: string;
  texts: Placed[];
}

function draw(c: PictureCase, language: 'en' | 'ru'): Drawn {
  const input = describePicture(i18n.translatorFor(language), language, c);
  const svg = drawPicture(input);
  const texts = placeTexts(svg).texts.map((t) => ({ ...t, text: readXmlText(t.text) }));
  return { input, svg, texts };
}

/** The neuron's row names: the muted texts at the rows' left edge, above the loss panel. */
function findRowNames({ input, texts }: Drawn): Placed[] {
  const lossTop = layoutPicture(input).loss.y;
  return texts.filter(
    (t) => t.element.includes(`x="40"`) && t.element.includes(`fill="${MUTED}"`) && t.box.y < lossTop,
  );
}

/** The input boxes of the neuron's rows. */
function findValueBoxes(svg: string): Placed['box'][] {
  return [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" rx="14"/g)].map(
    ([, x, y, width, height]) => ({
      x: Number(x),
      y: Number(y),
      width: Number(width),
      height: Number(height),
    }),
  );
}

const overlap = (a: Placed['box'], b: Placed['box']) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const pictures = (['en', 'ru'] as const).flatMap((language) =>
  wide.map((c) => ({ name: `${c.name}-${language}`, drawn: draw(c, language) })),
);

describe.each(pictures)('$name', ({ drawn }) => {
  it("writes each row's input name, whole or cut with '…', and the grouped ones as '+ k more'", () => {
    const rows = findRowNames(drawn).map((t) => t.text);
    const [more] = rows.filter((text) => text.startsWith('+ '));
    const names = rows.filter((text) => !text.startsWith('+ '));
    const all = [...drawn.input.names, ...(drawn.input.model.bias === undefined ? [] : ['b'])];
    expect(names.length).toBe(all.length - countGroupedInputs(drawn.input));
    expect(Boolean(more)).toBe(countGroupedInputs(drawn.input) > 0);
    for (const text of names) expect(all.some((name) => shows(text, name))).toBe(true);
    if (more) expect(more).toBe(drawn.input.labels.moreInputs);
  });

  it('keeps every name off the input boxes and the synapses', () => {
    const names = findRowNames(drawn).filter((t) => !t.text.startsWith('+ '));
    const boxes = findValueBoxes(drawn.svg);
    const synapses = findSynapses(drawn.svg);
    expect(boxes.length).toBeGreaterThanOrEqual(names.length);
    const touching = names.flatMap((name) => [
      ...boxes.filter((box) => overlap(name.box, box)).map(() => `${name.text} / a box`),
      ...synapses.filter((line) => crosses(line, name.box)).map((l) => `${name.text} / line ${l.x1},${l.y1}`),
    ]);
    expect(touching).toEqual([]);
  });
});

describe('the neuron with named inputs', () => {
  it('puts names too wide for the column above their boxes, whole when they fit the row', () => {
    const drawn = draw(caseNamed('weather-en'), 'en');
    const rows = findRowNames(drawn);
    expect(rows.map((t) => t.text)).toEqual(['temperature', 'humidity', 'b']);
    const boxes = findValueBoxes(drawn.svg);
    rows.forEach((name, i) => {
      const box = boxes[i] as Placed['box'];
      expect(name.box.y + name.box.height).toBeLessThan(box.y);
      expect(box.y - (name.box.y + name.box.height)).toBeLessThan(20);
    });
  });

  it('keeps short names beside their boxes, on one line as x1 … xn', () => {
    const drawn = draw(caseNamed('short-names'), 'en');
    const rows = findRowNames(drawn);
    expect(rows.map((t) => t.text)).toEqual(['sun', 'rain', 'fog', 'b']);
    const boxes = findValueBoxes(drawn.svg);
    rows.forEach((name, i) => {
      const box = boxes[i] as Placed['box'];
      expect(name.box.y).toBeGreaterThan(box.y);
      expect(name.box.y + name.box.height).toBeLessThan(box.y + box.height);
    });
  });

  it('cuts names of 24 letters, in Russian too, so that each keeps its start', () => {
    const russian = draw(caseNamed('long-names'), 'ru');
    const names = findRowNames(russian).map((t) => t.text);
    expect(names).toHaveLength(3);
    for (const text of names) expect(text).toMatch(/^[а-я ]{6,}…$/);
    const wide = findRowNames(draw(caseNamed('names-32'), 'en')).map((t) => t.text);
    expect(wide).toHaveLength(7);
    expect(wide.at(-1)).toBe('+ 26 more');
    for (const text of wide.slice(0, 6)) expect(LONG_NAMES.some((name) => shows(text, name))).toBe(true);
  });
});

describe('the plane with named inputs', () => {
  const axisNames = (drawn: Drawn) => {
    const plane = layoutPicture(drawn.input).plane;
    if (!plane) throw new Error('no plane');
    const under = drawn.texts.filter((t) => t.box.y > plane.plot.y + plane.plot.height + 70);
    const left = drawn.texts.filter((t) => t.box.x + t.box.width < plane.plot.x && t.box.y > plane.plot.y);
    return { plane, under, left };
  };

  it('names its axes and its title after the two inputs', () => {
    const drawn = draw(caseNamed('weather-en'), 'en');
    const { under, left } = axisNames(drawn);
    expect(drawn.input.labels.plane).toBe('Inputs: temperature and humidity');
    expect(drawn.texts.some((t) => t.text === 'Inputs: temperature and humidity')).toBe(true);
    expect(under.map((t) => t.text)).toEqual(['temperature']);
    expect(left.map((t) => t.text)).toEqual(['0.4', '0.95', 'humidity']);
    expect(left.find((t) => t.text === 'humidity')?.element).not.toContain('rotate');
  });

  it('turns a vertical name too wide to lie level upwards, clear of the ticks and inside the picture', () => {
    const drawn = draw(caseNamed('weather-ru-long'), 'ru');
    const { plane, left } = axisNames(drawn);
    const name = left.find((t) => t.text === 'влажность') as Placed;
    expect(name.element).toContain('rotate(-90');
    expect(name.box.height).toBeGreaterThan(2 * name.box.width);
    expect(name.box.x).toBeGreaterThan(0);
    const ticks = left.filter((t) => t !== name);
    expect(ticks.map((t) => t.text)).toEqual(['0,4', '0,95']);
    for (const tick of ticks) expect(name.box.x + name.box.width).toBeLessThan(tick.box.x);
    expect(name.box.y).toBeGreaterThanOrEqual(plane.plot.y);
    expect(name.box.y + name.box.height).toBeLessThanOrEqual(plane.plot.y + plane.plot.height);
    expect(drawn.input.labels.plane).toBe('Входы: температура в… и влажность');
  });

  it("cuts names longer than the plot's side, and the title's so that both show", () => {
    const drawn = draw(caseNamed('long-names'), 'ru');
    const { under, left } = axisNames(drawn);
    expect(under.map((t) => t.text)).toEqual(['температура воздуха в °C']);
    const up = left.find((t) => t.element.includes('rotate')) as Placed;
    expect(up.text).toMatch(/^относительная .*…$/);
    expect(drawn.input.labels.plane).toMatch(/^Входы: температур.*… и относител.*…$/);
  });

  it('keeps x1 and x2 for a dataset without names', () => {
    const drawn = draw(caseNamed('lesson'), 'en');
    const { under, left } = axisNames(drawn);
    expect(drawn.input.names).toEqual(['x1', 'x2', 'x3']);
    expect(drawn.input.labels.plane).toBe('Inputs: x1 and x2');
    expect(under.map((t) => t.text)).toEqual(['x1']);
    expect(left.map((t) => t.text)).toContain('x2');
  });

  it("draws the replay's frames with the same names", () => {
    const c = caseNamed('weather-en');
    const frames = drawReplayFrames(describeReplay(i18n.translatorFor('en'), 'en', c));
    for (const frame of [frames[0], frames.at(-1)]) {
      const texts = placeTexts(frame as string).texts.map((t) => t.text);
      expect(texts).toEqual(
        expect.arrayContaining(['Inputs: temperature and humidity', 'temperature', 'humidity']),
      );
      expect(texts).not.toContain('x1');
    }
  });
});

describe('the names a picture is given', () => {
  const t = i18n.translatorFor('en');
  const weather = caseNamed('weather-en');

  it('are the columns when they fit the inputs, else x1 … xn', () => {
    expect(describePicture(t, 'en', weather).names).toEqual(['temperature', 'humidity']);
    const misfit = { ...weather, columns: { inputs: ['a', 'b', 'c'], output: 'y' } };
    expect(describePicture(t, 'en', misfit).names).toEqual(['x1', 'x2']);
    const { columns: _, ...bare } = weather;
    expect(describePicture(t, 'en', bare).names).toEqual(['x1', 'x2']);
  });

  it('reach the picture as written, markup characters too', () => {
    const marked = { ...weather, columns: { inputs: ['R&D <1>', 'a "b"'], output: 'y' } };
    const input = describePicture(t, 'en', marked);
    expect(input.labels.plane).toBe('Inputs: R&D <1> and a "b"');
    const texts = placeTexts(drawPicture(input)).texts.map((p) => readXmlText(p.text));
    expect(texts).toEqual(expect.arrayContaining(['R&D <1>', 'a "b"', 'Inputs: R&D <1> and a "b"']));
  });
});
