// Reading what GET /metrics answers.

/** The samples of the Prometheus text, as `name{labels}` → value. */
export function readSamples(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const at = line.lastIndexOf(' ');
    found.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return found;
}

/** The value of the sample whose name is `name` and whose labels include every one of `labels`. */
export function sampleTotal(
  all: Map<string, number>,
  name: string,
  labels: Record<string, string> = {},
): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  let total = 0;
  for (const [sample, value] of all) {
    const [sampleName, rest = ''] = sample.split('{');
    if (sampleName !== name) continue;
    if (wanted.every((label) => rest.includes(label))) total += value;
  }
  return total;
}
