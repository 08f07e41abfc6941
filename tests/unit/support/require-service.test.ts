import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startVitest } from 'vitest/node';
import { isCi, requireService } from '../../support/require-service';
import SkipReasonsReporter from '../../support/skip-reasons-reporter';

function recorder() {
  const skips: Array<{ name: string; reason: string }> = [];
  return { skips, registerSkip: (name: string, reason: string) => void skips.push({ name, reason }) };
}

describe('requireService', () => {
  it('resolves true and registers nothing when the probe finds the service', async () => {
    const { skips, registerSkip } = recorder();
    expect(await requireService('PostgreSQL', async () => null, 'run it', { ci: true, registerSkip })).toBe(true);
    expect(skips).toEqual([]);
  });

  it('skips locally with the service, the problem and the hint', async () => {
    const { skips, registerSkip } = recorder();
    const result = await requireService('PostgreSQL', () => 'connection refused', 'run scripts/ci-postgres.sh', { ci: false, registerSkip });
    expect(result).toBe(false);
    expect(skips).toEqual([
      { name: 'needs PostgreSQL', reason: 'PostgreSQL unavailable (connection refused): run scripts/ci-postgres.sh' },
    ]);
  });

  it('throws in CI instead of skipping', async () => {
    const { skips, registerSkip } = recorder();
    await expect(requireService('Redis', () => 'not on the PATH', 'install redis-server', { ci: true, registerSkip })).rejects.toThrow(
      'Redis unavailable (not on the PATH): install redis-server — required in CI',
    );
    expect(skips).toEqual([]);
  });

  it('treats a probe that throws as the service missing', async () => {
    const { skips, registerSkip } = recorder();
    const probe = async () => {
      throw new Error('ECONNREFUSED');
    };
    expect(await requireService('Redis', probe, 'start it', { ci: false, registerSkip })).toBe(false);
    expect(skips[0].reason).toContain('ECONNREFUSED');
  });

  it('reads CI as set unless empty, 0 or false', () => {
    expect(isCi('1')).toBe(true);
    expect(isCi('true')).toBe(true);
    expect(isCi('')).toBe(false);
    expect(isCi('0')).toBe(false);
    expect(isCi('false')).toBe(false);
  });
});

describe('a file whose service is missing, run by vitest', () => {
  const fixture = path.join(__dirname, 'fixtures/missing-service.fixture.ts');

  async function runFixture(ci: string) {
    let output = '';
    const vitest = await startVitest('test', [], {
      root: path.resolve(__dirname, '../../..'),
      config: false,
      include: [fixture],
      watch: false,
      env: { CI: ci },
      reporters: [new SkipReasonsReporter({ write: (text) => (output += text) })],
    });
    const modules = vitest.state.getTestModules();
    await vitest.close();
    return { output, modules };
  }

  it('skips locally, and the reporter prints the reason at the end', async () => {
    const { output, modules } = await runFixture('');
    const tests = [...modules[0].children.allTests()].map((test) => [test.name, test.result().state]);
    expect(tests).toEqual([
      ['needs Widget', 'skipped'],
      ['answers', 'skipped'],
    ]);
    expect(output).toBe('\nSkipped, and why:\n  - Widget unavailable (nothing listens on 127.0.0.1:1): start a widget\n');
  });

  it('fails the file under CI', async () => {
    const { output, modules } = await runFixture('1');
    expect(modules.map((m) => m.state())).toEqual(['failed']);
    expect(modules[0].errors()[0].message).toContain('Widget unavailable (nothing listens on 127.0.0.1:1): start a widget — required in CI');
    expect(output).toBe('');
  });
});
