'use client';
import { useState, type FormEvent } from 'react';

/**
 * The question box of a reopened conversation. Its own ids: the live chat's composer stays mounted (hidden)
 * beside it, and a label must point at the box the reader sees.
 */
export function FollowUpComposer({ running, onSend, onStop }: { running: boolean; onSend: (q: string) => void; onStop: () => void }) {
  const [text, setText] = useState('');
  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (running || text.trim() === '') return;
    onSend(text.trim());
    setText('');
  };
  return (
    <form onSubmit={send} className="flex items-end gap-2" aria-label="Ask a follow-up">
      <label htmlFor="follow-up-question" className="sr-only">Your follow-up question</label>
      <textarea
        id="follow-up-question"
        value={text}
        rows={2}
        maxLength={20_000}
        disabled={running}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) send(e as unknown as FormEvent);
        }}
        placeholder={running ? 'The council is working…' : 'Ask a follow-up (Enter sends, Shift+Enter for a new line)'}
        className="min-h-[3rem] flex-1 resize-y rounded-md border border-neutral-300 px-3 py-2 dark:border-neutral-700 dark:bg-neutral-900"
      />
      {running ? (
        <button type="button" onClick={onStop} className="rounded-md bg-red-600 px-4 py-2 font-medium text-white">Stop</button>
      ) : (
        <button type="submit" disabled={text.trim() === ''} className="rounded-md bg-neutral-900 px-4 py-2 font-medium text-white disabled:opacity-40 dark:bg-neutral-100 dark:text-neutral-900">Send</button>
      )}
    </form>
  );
}
