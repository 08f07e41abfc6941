import { labelAt } from './assign-labels';
import { startMemberCall, type MemberOutcome } from './member-call';
import { synthesisMessages } from './prompts';
import { withInstructions } from './with-instructions';
import type { RunContext } from './run-context';
import type { Answer } from './stage-answers';
import type { RankingsResult } from './stage-rankings';

export type SynthesisResult = { ok: true; text: string; chairman: string } | { ok: false };

/** The chairman, then the tier's fallbacks, then the best-ranked member: each tried once, in order. */
export function chairmanChain(chairman: string, fallbacks: string[], topRanked: string | null): string[] {
  const chain = [chairman, ...fallbacks, ...(topRanked ? [topRanked] : [])];
  return chain.filter((model, index) => chain.indexOf(model) === index);
}

/** The best answer by the aggregate, or the first to arrive when no valid ranking placed any. */
export function topRankedAnswer(answers: Answer[], rankings: RankingsResult): Answer {
  const best = rankings.aggregate.find((entry) => entry.averageRank !== null);
  return answers.find((answer) => answer.model === best?.model) ?? answers[0];
}

/**
 * Stage 3: the chairman streams the final answer. If it fails, the next in the chain takes over
 * (with a warning); if all fail, the caller falls back to the top-ranked answer.
 */
export async function runSynthesisStage(ctx: RunContext, answers: Answer[], rankings: RankingsResult): Promise<SynthesisResult> {
  const { input } = ctx;
  const startedAt = ctx.elapsed();
  const chain = chairmanChain(input.chairman, input.fallbackChairmen, topRankedAnswer(answers, rankings).model);
  const messages = withInstructions(synthesisMessages({
    question: input.question,
    history: input.history ?? [],
    answers: answers.map((answer, index) => ({ label: labelAt(index), model: answer.model, text: answer.text })),
    aggregate: rankings.aggregate,
    critiques: rankings.rankings.map((r) => ({ judge: r.judge, text: r.critique, labels: r.labels })),
  }), input.instructions);
  ctx.emit({ type: 'stage.started', stage: 3, models: [chain[0]] });

  const failed: string[] = [];
  let outcome: MemberOutcome | null = null;
  for (const [index, chairman] of chain.entries()) {
    outcome = await startMemberCall(ctx, {
      stage: 3,
      model: chairman,
      messages,
      maxTokens: input.policy.maxTokens.synthesis,
      deadlineMs: input.policy.deadlinesMs.synthesis,
    }).outcome;
    if (outcome.ok || ctx.signal.aborted) break;
    failed.push(chairman);
    const next = chain[index + 1];
    if (next) {
      ctx.emit({
        type: 'warning',
        code: 'chairman_fallback',
        message: `Chairman ${chairman} failed (${outcome.reason}); ${next} takes over.`,
        stage: 3,
      });
    }
  }
  if (ctx.signal.aborted) return { ok: false };

  const durationMs = ctx.elapsed() - startedAt;
  ctx.totals.stages.push({ stage: 3, durationMs });
  ctx.emit({
    type: 'stage.completed',
    stage: 3,
    durationMs,
    succeeded: outcome?.ok ? [outcome.model] : [],
    failed,
  });
  return outcome?.ok ? { ok: true, text: outcome.text, chairman: outcome.model } : { ok: false };
}
