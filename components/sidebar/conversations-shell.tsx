'use client';
import { useState, type ReactNode } from 'react';
import { ConversationSidebar } from './conversation-sidebar';
import { StoredConversation } from './stored-conversation';
import { useConversationList } from './use-conversation-list';

/**
 * The page around the live chat: the history sidebar (a drawer on small screens) and, when a saved
 * conversation is opened, its replay in place of the chat. The live chat stays mounted while hidden, so a
 * run in progress goes on; "New chat" mounts a fresh one.
 */
export function ConversationsShell({ children }: { children: ReactNode }) {
  const list = useConversationList();
  const [openId, setOpenId] = useState<string | null>(null);
  const [chatKey, setChatKey] = useState(0);
  const [drawer, setDrawer] = useState(false);

  const newChat = () => {
    setOpenId(null);
    setChatKey((k) => k + 1);
    setDrawer(false);
    list.refresh();
  };

  return (
    <div className="flex min-h-dvh">
      <aside
        id="conversation-sidebar"
        className={`${drawer ? 'fixed inset-y-0 left-0 z-20 block shadow-lg' : 'hidden'} w-64 shrink-0 border-r border-neutral-200 bg-neutral-50 md:sticky md:top-0 md:block md:h-dvh md:shadow-none dark:border-neutral-800 dark:bg-neutral-950`}
      >
        {drawer && (
          <button type="button" onClick={() => setDrawer(false)} className="m-3 mb-0 text-sm underline md:hidden">
            Close history
          </button>
        )}
        <ConversationSidebar
          list={list}
          selectedId={openId}
          onNewChat={newChat}
          onOpen={(id) => {
            setOpenId(id);
            setDrawer(false);
          }}
          onDeleted={(id) => {
            if (id === openId) setOpenId(null);
          }}
        />
      </aside>
      <div className="min-w-0 flex-1">
        <div className="border-b border-neutral-200 px-3 py-2 md:hidden dark:border-neutral-800">
          <button
            type="button"
            onClick={() => setDrawer((open) => !open)}
            aria-expanded={drawer}
            aria-controls="conversation-sidebar"
            className="rounded-md border border-neutral-300 px-2 py-1 text-sm dark:border-neutral-700"
          >
            History
          </button>
        </div>
        <div key={chatKey} hidden={openId !== null}>
          {children}
        </div>
        {openId !== null && <StoredConversation id={openId} title={list.items.find((c) => c.id === openId)?.title} onBack={() => setOpenId(null)} />}
      </div>
    </div>
  );
}
