'use client';
import { useEffect, useState } from 'react';
import { describeProgress } from '@/lib/client/describe-progress';
import { fetchTiers, type TiersResponse } from '@/lib/client/tiers';
import { useCouncilChat } from '@/lib/client/use-council-chat';
import { ChatThread } from './chat-thread';
import { Composer } from './composer';
import { LiveAnnouncer } from './live-announcer';
import { preloadMarkdown } from './markdown-text';
import { SimulatedNotice } from './simulated-notice';
import { TierPicker } from './tier-picker';

/** The whole page: header with the tier picker, the thread, and the composer pinned to the bottom. */
export function ChatApp() {
  const chat = useCouncilChat();
  const [tiers, setTiers] = useState<TiersResponse | null>(null);
  const [tiersError, setTiersError] = useState<string | null>(null);
  const [tier, setTier] = useState<string>('');

  useEffect(() => {
    const controller = new AbortController();
    fetchTiers({ signal: controller.signal })
      .then((response) => {
        setTiers(response);
        setTier((current) => current || response.defaultTier);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setTiersError(error instanceof Error ? error.message : String(error));
      });
    return () => controller.abort();
  }, []);

  const last = chat.turns.at(-1);
  const simulated = tiers?.simulated || tiers?.tiers.find((t) => t.id === tier)?.simulated;
  const send = (question: string) => {
    preloadMarkdown();
    chat.send(question, tier);
    // Bring the new turn into view; after that the reader scrolls as they like.
    requestAnimationFrame(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'smooth' }));
  };

  return (
    <div className="mx-auto flex min-h-dvh max-w-3xl flex-col px-3 sm:px-6">
      <header className="flex flex-wrap items-start justify-between gap-3 py-4">
        <div className="flex items-baseline gap-3">
          <h1 className="text-xl font-semibold">Quorum</h1>
          <a href="/stats" className="text-sm text-blue-700 underline dark:text-blue-300">Stats</a>
        </div>
        {tiers && <TierPicker tiers={tiers.tiers} value={tier} onChange={setTier} disabled={chat.running} />}
      </header>
      {/* Inside <main>: every piece of content belongs to a landmark (axe "region"). */}
      <main className="flex-1 pb-4">
        {tiersError && <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-300">{tiersError}</p>}
        {simulated && <div className="mb-3"><SimulatedNotice /></div>}
        <ChatThread turns={chat.turns} running={chat.running} onRetry={chat.retry} />
      </main>
      <div className="sticky bottom-0 bg-white/95 py-3 backdrop-blur dark:bg-neutral-950/95">
        <Composer running={chat.running} onSend={send} onStop={chat.stop} disabled={!tier} />
      </div>
      <LiveAnnouncer message={last ? describeProgress(last.run) : ''} />
    </div>
  );
}
