'use client';
import { useEffect, useState } from 'react';
import { pickProblem, worstCaseOf } from '@/lib/client/council-pick';
import { describeProgress } from '@/lib/client/describe-progress';
import { fetchTiers, type TiersResponse } from '@/lib/client/tiers';
import { useCouncilChat } from '@/lib/client/use-council-chat';
import { useCustomCouncil } from '@/lib/client/use-custom-council';
import { ChatThread } from './chat-thread';
import { BudgetMeter } from './budget-meter';
import { Composer } from './composer';
import { CustomCouncilPanel } from './custom-council';
import { LiveAnnouncer } from './live-announcer';
import { preloadMarkdown } from './markdown-text';
import { SimulatedNotice } from './simulated-notice';
import { TierPicker } from './tier-picker';
import { WorstCaseCost } from './worst-case-cost';

/** Earlier exchanges the server gives the council by default (config `history.maxTurns`). */
const HISTORY_TURNS = 6;

/** The whole page: header with the tier picker, the thread, and the composer pinned to the bottom. */
export function ChatApp() {
  const chat = useCouncilChat();
  const [tiers, setTiers] = useState<TiersResponse | null>(null);
  const [tiersError, setTiersError] = useState<string | null>(null);
  const [tier, setTier] = useState<string>('');
  const [customOn, setCustomOn] = useState(false);
  const [draft, setDraft] = useState('');
  const custom = useCustomCouncil(true);

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
  const pick = customOn ? custom.pick : undefined;
  const tierInfo = tiers?.tiers.find((t) => t.id === tier);
  const history = chat.turns
    .filter((t) => t.run.status === 'completed')
    .slice(-HISTORY_TURNS)
    .map((t) => ({ question: t.question, answer: t.run.finalText }));
  const worstCase =
    tierInfo && custom.models && !(pick && pickProblem(pick))
      ? worstCaseOf({ tier: tierInfo, pick: pick ?? null, models: custom.models.models, maxAttempts: custom.models.maxAttempts, question: draft.trim(), history })
      : null;
  const send = (question: string) => {
    preloadMarkdown();
    chat.send(question, tier, pick);
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
        {tiers && (
          <TierPicker
            tiers={tiers.tiers}
            value={tier}
            onChange={(id) => {
              setTier(id);
              setCustomOn(false);
            }}
            custom={customOn}
            onCustom={() => setCustomOn(true)}
            disabled={chat.running}
          />
        )}
        {tiers && customOn && (
          <CustomCouncilPanel custom={custom} tiers={tiers.tiers} tier={tier} onTierChange={setTier} disabled={chat.running} />
        )}
      </header>
      {/* Inside <main>: every piece of content belongs to a landmark (axe "region"). */}
      <main className="flex-1 pb-4">
        {tiersError && <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-300">{tiersError}</p>}
        {simulated && <div className="mb-3"><SimulatedNotice /></div>}
        <ChatThread turns={chat.turns} running={chat.running} onRetry={chat.retry} />
      </main>
      <div className="sticky bottom-0 bg-white/95 py-3 backdrop-blur dark:bg-neutral-950/95">
        {!chat.running && <WorstCaseCost usd={worstCase} maxAttempts={custom.models?.maxAttempts ?? 1} />}
        <Composer
          running={chat.running}
          onSend={send}
          onStop={chat.stop}
          notReady={!tier}
          disabled={pick !== undefined && pickProblem(pick) !== null}
          onDraftChange={setDraft}
        />
        <BudgetMeter />
      </div>
      <LiveAnnouncer message={last ? describeProgress(last.run) : ''} />
    </div>
  );
}
