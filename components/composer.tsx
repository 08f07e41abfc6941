'use client';
import { useEffect, useState, useSyncExternalStore, type FormEvent, type KeyboardEvent } from 'react';

const MAX_CHARS = 20_000;

const noSubscription = () => () => undefined;

/** False in the server's HTML and during hydration, true once React handles events on this page. */
function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

/**
 * The question box: Enter sends, Shift+Enter starts a new line; disabled while a run goes, with Stop beside it.
 * Early input is never dropped: until the page has hydrated the box is disabled and says it is loading, and a
 * question sent while the council is not ready yet (`notReady`: tiers still loading) waits, visibly, and goes
 * as soon as it is. `disabled` (the chosen council cannot run) refuses to send at all.
 */
export function Composer({
  running,
  onSend,
  onStop,
  disabled,
  notReady,
  onDraftChange,
}: {
  running: boolean;
  onSend: (q: string) => void;
  onStop: () => void;
  disabled?: boolean;
  /** True while the council is still loading: a question sent now waits, visibly, and goes once it is ready. */
  notReady?: boolean;
  /** Told the text as it is typed (the worst-case cost shown before sending depends on it). */
  onDraftChange?: (text: string) => void;
}) {
  const hydrated = useHydrated();
  const [text, setText] = useState('');
  const [queued, setQueued] = useState<string | null>(null);
  const canSend = !running && !disabled && !notReady && text.trim().length > 0;

  useEffect(() => {
    if (queued === null || running || disabled || notReady) return;
    onSend(queued);
    setQueued(null);
    setText('');
  }, [queued, running, disabled, notReady, onSend]);

  const send = () => {
    if (!canSend) {
      if (!running && !disabled && notReady && text.trim().length > 0) setQueued(text.trim());
      return;
    }
    onSend(text.trim());
    setText('');
    onDraftChange?.('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // An IME composition uses Enter to confirm a word: that Enter must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  return (
    <form onSubmit={onSubmit} className="flex items-end gap-2" aria-label="Ask the council">
      <label htmlFor="question" className="sr-only">Your question</label>
      <textarea
        id="question"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onDraftChange?.(e.target.value);
        }}
        onKeyDown={onKeyDown}
        disabled={running || !hydrated || queued !== null}
        maxLength={MAX_CHARS}
        rows={2}
        placeholder={
          !hydrated ? 'Loading…' : running ? 'The council is working…' : 'Ask the council (Enter sends, Shift+Enter for a new line)'
        }
        aria-describedby="composer-hint"
        className="min-h-11 flex-1 resize-y rounded-lg border border-neutral-300 bg-white px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-60 dark:border-neutral-700 dark:bg-neutral-900"
      />
      <span id="composer-hint" className="sr-only">Enter sends, Shift+Enter starts a new line.</span>
      {queued !== null && (
        <span role="status" data-testid="composer-queued" className="self-center text-sm text-neutral-700 dark:text-neutral-300">
          Sending when the council is ready…
        </span>
      )}
      {running ? (
        <button
          type="button"
          onClick={onStop}
          className="min-h-11 rounded-lg bg-neutral-800 px-4 font-medium text-white hover:bg-neutral-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:bg-neutral-200 dark:text-neutral-900"
        >
          Stop
        </button>
      ) : (
        <button
          type="submit"
          disabled={!hydrated || (!canSend && !(notReady && !disabled && text.trim().length > 0))}
          className="min-h-11 rounded-lg bg-blue-600 px-4 font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50"
        >
          Send
        </button>
      )}
    </form>
  );
}
