const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
  us: 0.001,
  'µs': 0.001,
  'μs': 0.001,
  ns: 0.000_001,
};

/** One "<number><unit>" part; 'ms' is listed before 'm' so that "12ms" is not read as 12 minutes. */
const PART = /(\d+(?:\.\d*)?|\.\d+)(ms|us|µs|μs|ns|h|m|s)/y;

/**
 * Parses OpenAI's reset durations (Go's time.Duration format): "12ms", "1s", "6m0s", "1h2m3.5s".
 * Returns milliseconds, or undefined for anything else (a bare number has no unit and is refused here).
 */
export function parseDuration(text: string): number | undefined {
  const input = text.trim();
  if (input === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < input.length) {
    const start = PART.lastIndex;
    const match = PART.exec(input);
    if (!match || match.index !== start) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2]];
  }
  return Number.isFinite(total) ? total : undefined;
}
