'use client';
import { useState, type FormEvent } from 'react';
import { exportUrl, type ConversationSummary } from './conversations-api';

interface Props {
  conversation: ConversationSummary;
  selected: boolean;
  onOpen: () => void;
  onRename: (title: string) => Promise<void>;
  onDelete: () => Promise<void>;
}

/** One conversation in the history: open it, rename it in place, export it, delete it (after a confirm). */
export function ConversationItem({ conversation, selected, onOpen, onRename, onDelete }: Props) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(conversation.title);
  const [menuOpen, setMenuOpen] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = title.trim();
    if (next && next !== conversation.title) await onRename(next);
    setEditing(false);
  };

  if (editing) {
    return (
      <li>
        <form onSubmit={submit} className="flex gap-1 p-1">
          <label className="sr-only" htmlFor={`rename-${conversation.id}`}>New title</label>
          <input
            id={`rename-${conversation.id}`}
            autoFocus
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
            className="min-w-0 flex-1 rounded border border-neutral-300 px-2 py-1 text-sm dark:border-neutral-700 dark:bg-neutral-900"
          />
          <button type="submit" className="rounded px-2 text-sm hover:bg-neutral-200 dark:hover:bg-neutral-800">Save</button>
        </form>
      </li>
    );
  }

  return (
    <li data-testid="conversation-item" className={`group rounded ${selected ? 'bg-neutral-200 dark:bg-neutral-800' : ''}`}>
      <div className="flex items-center">
        <button
          type="button"
          onClick={onOpen}
          aria-current={selected ? 'page' : undefined}
          className="min-w-0 flex-1 truncate rounded px-2 py-1.5 text-left text-sm hover:bg-neutral-100 dark:hover:bg-neutral-900"
          title={conversation.title}
        >
          {conversation.title}
        </button>
        <button
          type="button"
          aria-label={`Actions for ${conversation.title}`}
          aria-expanded={menuOpen}
          onClick={() => setMenuOpen((open) => !open)}
          className="rounded px-2 py-1 text-sm text-neutral-600 dark:text-neutral-400 hover:bg-neutral-100 dark:hover:bg-neutral-900"
        >
          ⋯
        </button>
      </div>
      {menuOpen && (
        <div className="flex flex-wrap gap-1 px-2 pb-2 text-xs">
          <button type="button" className="rounded border px-2 py-0.5 dark:border-neutral-700" onClick={() => { setTitle(conversation.title); setEditing(true); setMenuOpen(false); }}>
            Rename
          </button>
          <a className="rounded border px-2 py-0.5 dark:border-neutral-700" href={exportUrl(conversation.id, 'md')} download>
            Export Markdown
          </a>
          <a className="rounded border px-2 py-0.5 dark:border-neutral-700" href={exportUrl(conversation.id, 'json')} download>
            Export JSON
          </a>
          <button
            type="button"
            className="rounded border border-red-300 px-2 py-0.5 text-red-700 dark:border-red-800 dark:text-red-300"
            onClick={() => {
              if (window.confirm(`Delete “${conversation.title}” and all its runs?`)) void onDelete();
            }}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
