'use client';
import { useState, type FormEvent, type KeyboardEvent } from 'react';

const MAX_CHARS = 20_000;

/** The question box: Enter sends, Shift+Enter starts a new line; disabled while a run goes, with Stop beside it. */
export function Composer({
  running,
  onSend,
  onStop,
  disabled,
  onDraftChange,
}: {
  running: boolean;
  onSend: (q: string) => void;
  onStop: () => void;
  disabled?: boolean;
  /** Told the text as it is typed (the worst-case cost shown before sending depends on it). */
  onDraftChange?: (text: string) => void;
}) {
  const [text, setText] = useState('');
  const canSend = !running && !disabled && text.trim().length > 0;

  const send = () => {
    if (!canSend) return;
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
        disabled={running}
        maxLength={MAX_CHARS}
        rows={2}
        placeholder={running ? 'The council is working…' : 'Ask the council (Enter sends, Shift+Enter for a new line)'}
        aria-describedby="composer-hint"
        className="min-h-11 flex-1 resize-y rounded-lg border border-neutral-300 bg-white px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-60 dark:border-neutral-700 dark:bg-neutral-900"
      />
      <span id="composer-hint" className="sr-only">Enter sends, Shift+Enter starts a new line.</span>
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
          disabled={!canSend}
          className="min-h-11 rounded-lg bg-blue-600 px-4 font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50"
        >
          Send
        </button>
      )}
    </form>
  );
}
