import { describe, expect, it, vi } from 'vitest';
import { describeCancellation, RunCancellation } from '@/lib/council/run-cancellation';

describe('describeCancellation', () => {
  it('reads the reason of a RunCancellation made by another copy of the module (another Next bundle)', async () => {
    vi.resetModules();
    const other = await import('@/lib/council/run-cancellation');
    expect(other.RunCancellation).not.toBe(RunCancellation);
    const foreign = new other.RunCancellation('detached');
    expect(foreign instanceof RunCancellation).toBe(false);
    expect(describeCancellation(foreign)).toEqual({ reason: 'detached', message: foreign.message });
  });

  it('counts anything else as a plain cancel, including look-alikes without the brand or with an unknown reason', () => {
    const plain = { reason: 'cancelled', message: 'The run was cancelled.' };
    expect(describeCancellation(new Error('x'))).toEqual(plain);
    expect(describeCancellation({ reason: 'detached', message: 'forged' })).toEqual(plain);
    const branded = Object.assign(new Error('m'), { [Symbol.for('quorum.RunCancellation')]: true, reason: 'nonsense' });
    expect(describeCancellation(branded)).toEqual(plain);
    expect(describeCancellation(new RunCancellation('shutdown'))).toMatchObject({ reason: 'shutdown' });
  });
});
