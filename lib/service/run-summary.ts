/**
 * What a finished run tells a service client (DESIGN.md §6: the `quorum` object of `/v1`, the structured
 * content of the MCP tool), folded from the run's events as they pass. One fold for both front doors.
 */
import type { TokenUsage } from '@/lib/council/chat-model';
import type { AggregateEntry, CouncilEvent, StageTotals } from '@/lib/council/events';
import type { Stage } from '@/lib/council/policy';

export interface CallSummary {
  model: string;
  stage: Stage;
  usage: TokenUsage;
  costUsd: number | null;
}

export interface RunSummary {
  runId: string;
  tier: string;
  members: string[];
  chairman: string | null;
  degraded: boolean;
  failures: { model: string; stage: Stage; reason: string }[];
  timing: { totalMs: number; stages: StageTotals[] };
  calls: CallSummary[];
  costUsd: number;
  aggregate: AggregateEntry[];
}

/** Usage summed over every upstream call of the run, as OpenAI reports it. */
export interface UsageTotals {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export type RunEnding =
  | { kind: 'completed'; text: string }
  | { kind: 'failed'; reason: string; message: string }
  | { kind: 'cancelled'; reason: string; message: string };

/** Attempts that failed or were retried may report what they used (an extra field on those events). */
function usageOf(event: CouncilEvent): { usage?: TokenUsage; costUsd?: number } {
  const extra = event as { usage?: TokenUsage; costUsd?: number };
  return { usage: extra.usage, costUsd: extra.costUsd };
}

export class RunSummaryFold {
  private summary: RunSummary;
  ending: RunEnding | null = null;

  constructor(runId: string, tier: string) {
    this.summary = {
      runId,
      tier,
      members: [],
      chairman: null,
      degraded: false,
      failures: [],
      timing: { totalMs: 0, stages: [] },
      calls: [],
      costUsd: 0,
      aggregate: [],
    };
  }

  observe(event: CouncilEvent): void {
    const s = this.summary;
    switch (event.type) {
      case 'run.started':
        s.members = [...event.members];
        s.chairman = event.chairman;
        s.tier = event.tier;
        break;
      case 'member.completed':
        this.addCall(event.model, event.stage, event.usage, event.costUsd);
        break;
      case 'member.failed':
      case 'member.retrying': {
        const { usage, costUsd } = usageOf(event);
        if (usage && usage.input + usage.output > 0) this.addCall(event.model, event.stage, usage, costUsd);
        if (event.type === 'member.failed') s.failures.push({ model: event.model, stage: event.stage, reason: event.reason });
        break;
      }
      case 'ranking.aggregate':
        s.aggregate = event.entries;
        break;
      case 'stage.completed':
        s.timing.stages.push({ stage: event.stage, durationMs: event.durationMs });
        break;
      case 'run.completed':
        s.chairman = event.chairman;
        s.degraded = event.degraded;
        s.timing.totalMs = event.totals.durationMs;
        this.ending = { kind: 'completed', text: event.text };
        break;
      case 'run.failed':
        s.degraded = true;
        s.timing.totalMs = event.t;
        this.ending = { kind: 'failed', reason: event.reason, message: event.message };
        break;
      case 'run.cancelled':
        s.timing.totalMs = event.t;
        this.ending = { kind: 'cancelled', reason: event.reason, message: event.message };
        break;
      default:
        break;
    }
  }

  private addCall(model: string, stage: Stage, usage: TokenUsage, costUsd: number | undefined): void {
    this.summary.calls.push({ model, stage, usage: { input: usage.input, output: usage.output }, costUsd: costUsd ?? null });
    this.summary.costUsd += costUsd ?? 0;
  }

  result(): RunSummary {
    return { ...this.summary, costUsd: Math.round(this.summary.costUsd * 1e9) / 1e9 };
  }

  usage(): UsageTotals {
    let prompt = 0;
    let completion = 0;
    for (const call of this.summary.calls) {
      prompt += call.usage.input;
      completion += call.usage.output;
    }
    return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  }
}
