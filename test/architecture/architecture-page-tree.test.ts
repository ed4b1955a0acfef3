import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

/** The folders that the first ```text block of docs/architecture.md draws, one a line. */
function drawnFolders(page: string): string[] {
  const block = /```text\n([\s\S]*?)```/.exec(page)?.[1] ?? '';
  const path: string[] = [];
  const folders: string[] = [];
  for (const line of block.split('\n')) {
    // `src/`, then `├── core/`, `│   └── kernel/`, ...: four characters of indent per level.
    const match = /^((?:│ {3}| {4})*)(├── |└── )?([\w.-]+)\/(?: |$)/.exec(line);
    if (!match) continue;
    const depth = match[2] === undefined ? 0 : (match[1] ?? '').length / 4 + 1;
    path.length = depth;
    path.push(match[3] ?? '');
    folders.push(path.join('/'));
  }
  return folders;
}

/** `src` and every folder under it that holds a file (git keeps no empty folder). */
function listFolders(folder: string): string[] {
  const names = readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' });
  const holding = names
    .filter((name) => statSync(join(root, folder, name)).isFile())
    .flatMap((name) => {
      const folderOfFile = posix.dirname(name);
      const parts = folderOfFile === '.' ? [] : folderOfFile.split('/');
      return parts.map((_, i) => posix.join(folder, ...parts.slice(0, i + 1)));
    });
  return [...new Set([folder, ...holding])].sort();
}

describe('the tree of docs/architecture.md', () => {
  it('reads a tree of folders, one a line, at any depth', () => {
    const page = [
      '# Architecture',
      '```text',
      'src/        the root',
      '├── core/   pure',
      '│   └── kernel/',
      '├── bot/',
      '│   ├── kit/',
      '│   │   └── state/   two levels in',
      '│   └── rows/',
      '└── dev/',
      '```',
    ].join('\n');
    expect(drawnFolders(`${page}\n\n\`\`\`text\nsrc/unrelated/   a later block\n\`\`\``)).toEqual([
      'src',
      'src/core',
      'src/core/kernel',
      'src/bot',
      'src/bot/kit',
      'src/bot/kit/state',
      'src/bot/rows',
      'src/dev',
    ]);
  });

  it('draws every folder of src/ and no other, once each', () => {
    const drawn = drawnFolders(readFileSync(join(root, 'docs/architecture.md'), 'utf8'));
    expect(drawn.length).toBe(new Set(drawn).size);
    expect([...drawn].sort()).toEqual(listFolders('src'));
  });
});
