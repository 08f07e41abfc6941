import { formatCost } from '@/lib/client/format';

/** The most the next run can cost, before it is sent: the same figure the budget reserves for it. */
export function WorstCaseCost({ usd, maxAttempts }: { usd: number | null; maxAttempts: number }) {
  if (usd === null) return null;
  return (
    <p
      data-testid="worst-case-cost"
      data-usd={usd}
      title={`Every call at its token limit${maxAttempts > 1 ? `, each tried up to ${maxAttempts} times` : ''}, at the configured prices.`}
      className="text-xs text-neutral-600 tabular-nums dark:text-neutral-400"
    >
      At most {formatCost(usd)} for this question
    </p>
  );
}
