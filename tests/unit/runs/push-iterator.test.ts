import { describe, expect, it } from 'vitest';
import { pushIterator } from '@/lib/runs/push-iterator';

describe('pushIterator.takeQueued', () => {
  it('hands over what was pushed and not read, in order, and leaves nothing behind for next()', async () => {
    const it = pushIterator<number>(() => undefined);
    it.push(1);
    it.push(2);
    it.push(3);
    expect(await it.next()).toEqual({ value: 1, done: false });
    expect(it.takeQueued()).toEqual([2, 3]);
    expect(it.takeQueued()).toEqual([]);
    it.push(4);
    it.end();
    expect(await it.next()).toEqual({ value: 4, done: false });
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  it('takes nothing from a pending reader: a value pushed while next() waits goes to that reader', async () => {
    const it = pushIterator<number>(() => undefined);
    const pending = it.next();
    it.push(7);
    expect(it.takeQueued()).toEqual([]);
    expect(await pending).toEqual({ value: 7, done: false });
  });

  it('still reports an error after the queue is taken', async () => {
    const it = pushIterator<number>(() => undefined);
    it.push(1);
    it.end(new Error('run failed'));
    expect(it.takeQueued()).toEqual([1]);
    await expect(it.next()).rejects.toThrow('run failed');
  });
});
