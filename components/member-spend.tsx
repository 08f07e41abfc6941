import { formatCost, formatCount } from '@/lib/client/format';
import { memberSpend } from '@/lib/client/live-cost';
import type { MemberStageState, RunState } from '@/lib/client/run-state';

/** One member's tokens and cost in one stage, live: "≈" while its call streams, exact once it ended. */
export function MemberSpend({ member, run }: { member: MemberStageState; run: Pick<RunState, 'pricing'> }) {
  const spend = memberSpend(member, run);
  const tokens = spend.tokens.input + spend.tokens.output;
  if (tokens === 0 && !spend.estimated) return null;
  return (
    <span
      data-testid="member-spend"
      data-model={member.model}
      data-estimated={spend.estimated}
      title={`${formatCount(spend.tokens.input)} tokens in, ${formatCount(spend.tokens.output)} out`}
      className="text-xs text-neutral-600 tabular-nums dark:text-neutral-400"
    >
      {spend.estimated ? '≈ ' : ''}
      {formatCount(tokens)} tok · {formatCost(spend.costUsd)}
    </span>
  );
}
