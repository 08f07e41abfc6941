/**
 * A configuration or environment problem found at start-up. Each problem names its field path or variable
 * (e.g. `tiers[1].council[2]: unknown model "x"`), never a key's value, so the message is safe to log and show.
 */
export class ConfigError extends Error {
  readonly problems: string[];

  constructor(summary: string, problems: string[]) {
    super(problems.length > 0 ? `${summary}:\n  ${problems.join('\n  ')}` : summary);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
