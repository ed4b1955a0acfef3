import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

describe('smoke', () => {
  it('runs', async () => {
    const group = bot.api.group(-7001, 'Class 7A', 'supergroup');
    const teacher = bot.member('en');
    const student = bot.member('en');
    bot.api.setChatMember(group.id, teacher.user, 'administrator');
    console.log((await bot.say(student.user, group, '/exercise and')).text);
    const choose = await bot.say(teacher.user, group, '/exercise');
    console.log(choose.text, JSON.stringify(choose.reply_markup));
    await bot.press(choose, 'and', teacher.user);
    const ann = await bot.next(group, 'Exercise');
    console.log(ann.text, JSON.stringify(ann.reply_markup));
    await bot.say(student.user, group, '/example and');
    await bot.say(student.user, group, '/train');
    await bot.settle();
    console.log((await bot.say(student.user, group, '/submit')).text);
    console.log(bot.api.messages(student.chat.id).map((m) => m.text));
    await new Promise((r) => setTimeout(r, 500));
    console.log(bot.api.messages(group.id).find((m) => m.message_id === ann.message_id)?.text);
    const url = bot.api.buttons(ann)[0]?.url ?? '';
    const payload = new URL(url).searchParams.get('start');
    const other = bot.member('ru');
    console.log((await bot.say(other.user, other.chat, `/start ${payload}`)).text);
    await bot.say(other.user, other.chat, '/add 0 0 1 -> 0\n0 1 1 -> 0\n1 0 1 -> 0\n1 1 1 -> 1');
    await bot.say(other.user, other.chat, '/train');
    await bot.settle();
    console.log((await bot.say(other.user, other.chat, '/submit')).text);
    console.log((await bot.say(other.user, other.chat, '/leaderboard')).text);
    console.log((await bot.say(teacher.user, group, '/exercise end')).text);
    await bot.settle();
    console.log(bot.api.messages(group.id).find((m) => m.message_id === ann.message_id)?.text);
    const doc = bot.api.messages(teacher.chat.id).at(-1);
    console.log(doc?.caption, doc && bot.api.fileBytes(doc).toString());
    expect(1).toBe(1);
  });
});
