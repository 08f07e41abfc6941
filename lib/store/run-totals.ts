import type { CouncilEvent, RunTotals, StageTotals } from '@/lib/council/events';

/**
 * What a run spent so far, from its events: the engine's own totals arrive only with run.completed, and a
 * failed or cancelled run still cost tokens worth recording.
 */
export class RunTotalsTally {
  private input = 0;
  private output = 0;
  private costUsd = 0;
  private lastT = 0;
  private readonly stages: StageTotals[] = [];

  observe(event: CouncilEvent): void {
    this.lastT = Math.max(this.lastT, event.t);
    if (event.type === 'member.completed') {
      this.input += event.usage.input;
      this.output += event.usage.output;
      this.costUsd += event.costUsd ?? 0;
    } else if (event.type === 'stage.completed') {
      this.stages.push({ stage: event.stage, durationMs: event.durationMs });
    }
  }

  get elapsedMs(): number {
    return this.lastT;
  }

  totals(): RunTotals {
    return {
      durationMs: this.lastT,
      stages: [...this.stages],
      tokens: { input: this.input, output: this.output },
      costUsd: this.costUsd,
    };
  }
}
