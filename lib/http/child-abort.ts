/**
 * An abort that follows its parent: aborted with the parent's reason when the parent aborts, and abortable on
 * its own without touching the parent. What `AbortSignal.any([parent, own.signal])` gives, for the one-parent
 * case on every model call's path, without a composite signal per call: on Node 20 each of those is tracked
 * by weak references and a finalization registry, which showed in CPU profiles under load. Call `dispose()`
 * when done, so that a long-lived parent does not keep the child's listener.
 */
export interface ChildAbort {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
  dispose(): void;
}

export function childAbort(parent: AbortSignal): ChildAbort {
  const controller = new AbortController();
  const follow = () => controller.abort(parent.reason);
  if (parent.aborted) follow();
  else parent.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: () => parent.removeEventListener('abort', follow),
  };
}
