import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import { drawPicture } from '../../src/pictures/picture.js';
import type { PictureInput, ReplayInput } from '../../src/pictures/picture-types.js';
import { nextPicture, trainUntilResult } from '../helpers/datasets.js';
import { sendFile, toCsv } from '../helpers/files.js';
import type { Member } from '../helpers/members.js';
import { WEATHER_ROWS } from '../helpers/picture-cases.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
/** What the bot asked the worker pool to draw, in order. */
const drawn: PictureInput[] = [];
const replayed: ReplayInput[] = [];

beforeAll(async () => {
  bot = await startTestBot();
  const renderer = bot.app.deps.pictures;
  const picture = renderer.picture.bind(renderer);
  const replay = renderer.replay.bind(renderer);
  renderer.picture = (input) => {
    drawn.push(input);
    return picture(input);
  };
  renderer.replay = (input) => {
    replayed.push(input);
    return replay(input);
  };
});
afterAll(() => bot.stop());

const WEATHER_CSV = toCsv(WEATHER_ROWS, { separator: ',', header: ['temperature', 'humidity', 'rain'] });

async function importWeather(member: Member): Promise<void> {
  const { user, chat, t } = member;
  const added = await sendFile(bot, user, chat, { file_name: 'weather.csv', bytes: WEATHER_CSV });
  expect(added.text).toContain(t('files.added', { name: 'weather.csv', count: 12, total: 12 }));
}

describe.each(['en', 'ru'])('a CSV with a header, for a member speaking %s', (language) => {
  it('names the weights after its columns in the training result and in /step', async () => {
    const member = bot.member(language);
    await importWeather(member);
    const result = await trainUntilResult(bot, member, '/train 500');
    const mark = language === 'en' ? '\\.' : ',';
    const weight = (name: string) => new RegExp(`(?:^|<pre>)${name} +-?\\d+${mark}\\d{5}(?:$|</pre>)`, 'm');
    expect(result.text).toMatch(weight('w\\(temperature\\)'));
    expect(result.text).toMatch(weight('w\\(humidity\\)'));
    expect(result.text).not.toMatch(weight('w[12]'));
    const step = await bot.say(member.user, member.chat, '/step');
    expect(step.text).toMatch(/(?:^|<pre>)w\(temperature\) = /m);
    expect(step.text).toMatch(/^w\(humidity\) +=/m);
    expect(step.text).not.toMatch(/(?:^|<pre>)w1 +=/m);
    expect(step.text?.length).toBeLessThanOrEqual(4096);
  });

  it('hands the names to the picture of /plot and to /replay, which draw them', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await importWeather(member);
    await trainUntilResult(bot, member, '/train 500');
    const before = drawn.length;
    bot.api.sendText(chat, user, '/plot 0.3 0.9');
    const picture = await nextPicture(bot, chat);
    expect(picture.caption).toContain(t('pictures.captionKey'));
    const input = drawn.slice(before).at(-1) as PictureInput;
    expect(input.names).toEqual(['temperature', 'humidity']);
    expect(input.case).toEqual([0.3, 0.9]);
    expect(input.labels.plane).toBe(t('pictures.plane', { across: 'temperature', up: 'humidity' }));
    const svg = drawPicture(input);
    expect(svg).toContain('>temperature</text>');
    expect(svg).toContain('>humidity</text>');
    expect(svg).not.toMatch(/>x[12]<\/text>/);

    bot.api.sendText(chat, user, '/replay');
    const animation = await bot.api.waitForMessage(chat.id, (m) => m.media_method === 'sendAnimation');
    expect(animation.caption).toBeTruthy();
    expect(replayed.at(-1)?.names).toEqual(['temperature', 'humidity']);
  });
});

describe('the lesson', () => {
  it("replaces a named dataset's column names along with its rows", async () => {
    const { user, chat, t } = bot.member('en');
    const csv = 'sun,rain,fog,walk\n0,0,1,0\n1,1,1,1\n';
    expect((await sendFile(bot, user, chat, { file_name: 'walks.csv', bytes: csv })).text).toContain(
      t('files.added', { name: 'walks.csv', count: 2, total: 2 }),
    );
    expect((await bot.say(user, chat, '/data')).text).toContain('sun');
    const intro = await bot.say(user, chat, '/lesson');
    await bot.press(intro, t('lesson.buttons.start'), user);
    await bot.settle();
    const stored = await bot.app.deps.perceptrons.read(perceptronKey(chat.id, user.id));
    expect(stored?.rows).toHaveLength(4);
    expect(stored?.columns).toBeUndefined();
    const data = (await bot.say(user, chat, '/data')).text;
    expect(data).not.toContain('sun');
  });
});

describe('rows typed without a header', () => {
  it('keep x1 and w1 in the picture and the result', async () => {
    const member = bot.member('en');
    const { user, chat } = member;
    await bot.say(user, chat, '0.3 0.9 -> 1\n0.7 0.45 -> 0\n0.2 0.7 -> 1\n0.8 0.75 -> 0');
    const before = drawn.length;
    const result = await trainUntilResult(bot, member, '/train 200');
    expect(result.text).toMatch(/^<pre>w1 +-?\d+\.\d{5}$/m);
    expect(result.text).not.toContain('w(');
    expect(drawn.slice(before).at(-1)?.names).toEqual(['x1', 'x2']);
  });
});
