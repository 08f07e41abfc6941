/** A stream that could not be read to its end: what went wrong and a way to ask again. */
export function StreamErrorNotice({ message, onRetry, canRetry }: { message: string; onRetry: () => void; canRetry: boolean }) {
  return (
    <div role="alert" data-testid="stream-error" className="flex flex-wrap items-center gap-2 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      <span className="flex-1">{message}</span>
      <button
        type="button"
        onClick={onRetry}
        disabled={!canRetry}
        className="rounded bg-red-700 px-3 py-1 font-medium text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700 disabled:opacity-50"
      >
        Retry
      </button>
    </div>
  );
}
