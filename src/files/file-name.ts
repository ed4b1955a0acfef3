const MAX_BASE = 40;

/**
 * A file name that every phone and desktop accepts: ASCII letters, digits, '-' and '_' only (anything
 * else becomes '_'), at most 40 characters before the extension, `fallback` when nothing is left.
 */
export function safeFileName(base: string, extension: 'csv' | 'json', fallback = 'perceptron'): string {
  const plain = base
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '')
    .slice(0, MAX_BASE);
  return `${plain || fallback}.${extension}`;
}
