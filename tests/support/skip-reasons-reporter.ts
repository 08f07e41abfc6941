/**
 * A vitest reporter that prints, after the summary, every test skipped with a reason (`context.skip(reason)`,
 * which `requireService` uses), so that a local run says at its end what it did not prove and how to fix that.
 */
import type { Reporter, TestModule } from 'vitest/node';

/** The distinct reasons of the skipped tests, in the order of the files. */
export function skipReasons(testModules: ReadonlyArray<TestModule>): string[] {
  const reasons = new Set<string>();
  for (const testModule of testModules) {
    for (const test of testModule.children.allTests('skipped')) {
      const result = test.result();
      if (result.state === 'skipped' && result.note) reasons.add(result.note);
    }
  }
  return [...reasons];
}

export default class SkipReasonsReporter implements Reporter {
  private readonly write: (text: string) => void;

  /** Vitest passes the reporter's options from the config (none here); tests pass `write` to capture the text. */
  constructor(options: { write?: (text: string) => void } = {}) {
    this.write = options.write ?? ((text) => void process.stdout.write(text));
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const reasons = skipReasons(testModules);
    if (reasons.length === 0) return;
    this.write(`\nSkipped, and why:\n${reasons.map((reason) => `  - ${reason}\n`).join('')}`);
  }
}
