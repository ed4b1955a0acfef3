/** What a line typed in the terminal chat asks for. */
export type TerminalCommand =
  | { kind: 'help' }
  | { kind: 'press'; number: number }
  | { kind: 'file'; path: string }
  | { kind: 'place'; place: 'group' | 'private' }
  | { kind: 'speakAs'; student: string; text: string }
  | { kind: 'studentsWork' }
  | { kind: 'text'; text: string };

/**
 * Reads a typed line; undefined for a blank one. The group's words (`group`, `private`, `@name text`,
 * `students`) are commands only in a class rehearsal; anywhere else they go to the bot as text.
 */
export function parseTerminalLine(line: string, options: { group: boolean }): TerminalCommand | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  if (text === 'help') return { kind: 'help' };
  if (/^\d+$/.test(text)) return { kind: 'press', number: Number(text) };
  const path = /^file\s+(.+)$/.exec(text)?.[1];
  if (path) return { kind: 'file', path };
  if (!options.group) return { kind: 'text', text };
  if (text === 'group' || text === 'private') return { kind: 'place', place: text };
  if (text === 'students') return { kind: 'studentsWork' };
  const spoken = /^@(\S+)\s+([\s\S]+)$/.exec(text);
  if (spoken?.[1] && spoken[2]) return { kind: 'speakAs', student: spoken[1].toLowerCase(), text: spoken[2] };
  return { kind: 'text', text };
}
