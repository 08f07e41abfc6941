'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CONVERSATIONS_CHANGED } from '@/lib/client/conversations-changed';
import { deleteConversation, fetchConversations, renameConversation, type ConversationSummary } from './conversations-api';

/** Refreshed when the live chat announces a change, and now and then for changes made elsewhere. */
const REFRESH_MS = 5_000;

export interface ConversationList {
  items: ConversationSummary[];
  hasMore: boolean;
  error: string | null;
  loadMore(): void;
  refresh(): void;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): Promise<void>;
}

/** The history: the first page kept fresh, further pages on demand. */
export function useConversationList(): ConversationList {
  const [items, setItems] = useState<ConversationSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const extraPages = useRef(false);

  const refresh = useCallback(() => {
    fetchConversations(null)
      .then((page) => {
        setError(null);
        setItems((prev) => {
          if (!extraPages.current) return page.items;
          // Keep pages loaded beyond the first; the first page's fresh rows win.
          const fresh = new Set(page.items.map((c) => c.id));
          return [...page.items, ...prev.filter((c) => !fresh.has(c.id))];
        });
        if (!extraPages.current) setCursor(page.nextCursor);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  useEffect(() => {
    refresh();
    // Polling still catches changes made in another tab.
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, REFRESH_MS);
    window.addEventListener(CONVERSATIONS_CHANGED, refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener(CONVERSATIONS_CHANGED, refresh);
    };
  }, [refresh]);

  const loadMore = useCallback(() => {
    if (!cursor) return;
    fetchConversations(cursor)
      .then((page) => {
        extraPages.current = true;
        setItems((prev) => [...prev, ...page.items.filter((c) => !prev.some((p) => p.id === c.id))]);
        setCursor(page.nextCursor);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [cursor]);

  const rename = useCallback(async (id: string, title: string) => {
    try {
      const renamed = await renameConversation(id, title);
      setItems((prev) => prev.map((c) => (c.id === id ? { ...c, title: renamed.title } : c)));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  const remove = useCallback(async (id: string) => {
    try {
      await deleteConversation(id);
      setItems((prev) => prev.filter((c) => c.id !== id));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  return { items, hasMore: cursor !== null, error, loadMore, refresh, rename, remove };
}
