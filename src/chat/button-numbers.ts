import type { FakeMessage } from '../dev/fake-bot-api.js';
import type { FakeInlineButton } from '../dev/fake-bot-types.js';

/** A button on the screen: the message it is on and the button itself. */
export interface ShownButton {
  message: FakeMessage;
  button: FakeInlineButton;
}

/** Numbers for every button printed so far, counted across all messages of the run. */
export interface ButtonNumbers {
  /** The rows of a message's keyboard, each button with its number; a reprinted button keeps its number. */
  numberRows(message: FakeMessage): { text: string; number: number; link: boolean }[][];
  /** The button printed with this number, on whichever message it is. */
  find(number: number): ShownButton | undefined;
}

export function createButtonNumbers(): ButtonNumbers {
  const numbers = new Map<string, number>();
  const shown: ShownButton[] = [];
  return {
    numberRows(message) {
      const rows = message.reply_markup?.inline_keyboard ?? [];
      return rows.map((row) =>
        row.map((button) => {
          const key = `${message.chat.id}:${message.message_id}:${button.callback_data ?? button.url ?? button.text}`;
          let number = numbers.get(key);
          if (number === undefined) {
            number = shown.length + 1;
            numbers.set(key, number);
          }
          shown[number - 1] = { message, button };
          return {
            text: button.text,
            number,
            link: button.url !== undefined || button.web_app !== undefined,
          };
        }),
      );
    },
    find: (number) => shown[number - 1],
  };
}
