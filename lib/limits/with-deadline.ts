/**
 * Rejects when `work` takes longer than `ms`. A Redis that stops answering without closing its socket (a paused
 * or partitioned server) would otherwise hold every limited request forever; failing lets the caller refuse
 * with 503 at once. The work itself is not cancelled: callers undo what it may still do.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
