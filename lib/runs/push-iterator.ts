/**
 * An async iterator fed by pushes. Unlike an async generator, its return() takes effect at once even while a
 * next() is pending: a follower that goes away must let go of its run now, not when the run's next event comes.
 */
export interface PushIterator<T> extends AsyncIterableIterator<T> {
  push(value: T): void;
  /** Ends the iteration after what was pushed so far; with an error, the consumer's next() rejects with it. */
  end(error?: unknown): void;
  readonly closed: boolean;
  /**
   * Takes every value pushed and not yet read, at once and in order, so that a consumer that just received one
   * can send what piled up behind it in the same write (lib/sse/sse-response.ts).
   */
  takeQueued(): T[];
}

export function pushIterator<T>(onClose: () => void): PushIterator<T> {
  const queue: T[] = [];
  const waiters: ((result: IteratorResult<T>) => void)[] = [];
  const failures: ((error: unknown) => void)[] = [];
  let ended = false;
  let failure: { error: unknown } | null = null;
  let closed = false;

  const close = () => {
    if (closed) return;
    closed = true;
    onClose();
  };
  const settleWaiters = () => {
    while (waiters.length > 0 && (queue.length > 0 || ended)) {
      const resolve = waiters.shift() as (result: IteratorResult<T>) => void;
      const reject = failures.shift() as (error: unknown) => void;
      if (queue.length > 0) resolve({ value: queue.shift() as T, done: false });
      else if (failure) reject(failure.error);
      else resolve({ value: undefined, done: true });
    }
  };

  const iterator: PushIterator<T> = {
    get closed() {
      return closed;
    },
    push(value) {
      if (ended) return;
      queue.push(value);
      settleWaiters();
    },
    end(error) {
      if (ended) return;
      ended = true;
      if (error !== undefined) failure = { error };
      close();
      settleWaiters();
    },
    takeQueued() {
      return queue.splice(0);
    },
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (ended) return failure ? Promise.reject(failure.error) : Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => {
        waiters.push(resolve);
        failures.push(reject);
      });
    },
    return() {
      queue.length = 0;
      ended = true;
      failure = null;
      close();
      settleWaiters();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
