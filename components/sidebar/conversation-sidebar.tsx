'use client';
import { ConversationItem } from './conversation-item';
import type { ConversationList } from './use-conversation-list';

interface Props {
  list: ConversationList;
  selectedId: string | null;
  onNewChat: () => void;
  onOpen: (id: string) => void;
  onDeleted: (id: string) => void;
}

/** The history: new chat, then every conversation newest first, with more on demand. */
export function ConversationSidebar({ list, selectedId, onNewChat, onOpen, onDeleted }: Props) {
  return (
    <nav aria-label="Conversations" className="flex h-full flex-col gap-2 p-3">
      <button
        type="button"
        onClick={onNewChat}
        className="rounded-md border border-neutral-300 px-3 py-2 text-sm font-medium hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-900"
      >
        + New chat
      </button>
      {list.error && <p role="alert" className="text-xs text-red-700 dark:text-red-300">{list.error}</p>}
      {list.items.length === 0 && !list.error && <p className="px-2 text-xs text-neutral-600 dark:text-neutral-400">No saved conversations yet.</p>}
      <ul className="flex-1 space-y-0.5 overflow-y-auto" aria-label="Saved conversations">
        {list.items.map((conversation) => (
          <ConversationItem
            key={conversation.id}
            conversation={conversation}
            selected={conversation.id === selectedId}
            onOpen={() => onOpen(conversation.id)}
            onRename={(title) => list.rename(conversation.id, title)}
            onDelete={async () => {
              await list.remove(conversation.id);
              onDeleted(conversation.id);
            }}
          />
        ))}
      </ul>
      {list.hasMore && (
        <button type="button" onClick={list.loadMore} className="text-sm text-neutral-600 underline dark:text-neutral-400">
          Load more
        </button>
      )}
    </nav>
  );
}
