/** A count as people type it: `20000`, `20,000`, `20 000`, `20_000` or `20'000`; undefined otherwise. */
export function parseWholeNumber(text: string): number | undefined {
  const digits = text.trim().replace(/[\s_,']/g, '');
  if (!/^\d{1,15}$/.test(digits)) return undefined;
  return Number(digits);
}
