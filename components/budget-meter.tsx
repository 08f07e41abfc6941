'use client';
import { useEffect, useState } from 'react';
import { budgetSummary, parseUsageReport, type BudgetSummary } from '@/lib/client/budget-summary';
import { CONVERSATIONS_CHANGED } from '@/lib/client/conversations-changed';

/**
 * What is left of the caller's budget, under the composer (GET /api/usage). Shows nothing in personal mode; refreshes
 * when a run starts or ends (the chat announces both) so the figure follows what was just spent.
 */
export function BudgetMeter() {
  const [summary, setSummary] = useState<BudgetSummary | null>(null);

  useEffect(() => {
    let live = true;
    const refresh = () => {
      fetch('/api/usage', { cache: 'no-store' })
        .then((response) => (response.ok ? response.json() : null))
        .then((body: unknown) => {
          const report = parseUsageReport(body);
          if (live) setSummary(report ? budgetSummary(report) : null);
        })
        // The meter is a courtesy: a failed read leaves the last figure, and the next run refreshes it.
        .catch(() => undefined);
    };
    refresh();
    window.addEventListener(CONVERSATIONS_CHANGED, refresh);
    return () => {
      live = false;
      window.removeEventListener(CONVERSATIONS_CHANGED, refresh);
    };
  }, []);

  if (!summary) return null;
  return (
    <p
      data-testid="budget-meter"
      className={`mt-1 text-xs ${summary.exhausted ? 'text-amber-800 dark:text-amber-300' : 'text-neutral-600 dark:text-neutral-400'}`}
    >
      {summary.text}
    </p>
  );
}
