/** The timing waterfall's geometry: one bar per member per stage, positioned on the run's time axis. */
import type { Stage } from '@/lib/council/policy';
import type { MemberStatus, RunState } from './run-state';
import { STAGES } from './run-state-helpers';

export interface WaterfallBar {
  key: string;
  stage: Stage;
  model: string;
  status: MemberStatus;
  startMs: number;
  /** How long of the bar's start the call waited for an in-flight slot or the rate limiter (0: none). */
  queuedMs: number;
  firstTokenMs: number | null;
  /** The end, or "now" for a bar still in progress. */
  endMs: number;
  inProgress: boolean;
  retriesAtMs: number[];
  cut: boolean;
  failureReason: string | null;
}

export interface WaterfallMarker {
  kind: 'stage' | 'early-transition';
  label: string;
  atMs: number;
}

export interface Waterfall {
  /** The length of the time axis (at least 1 ms). */
  spanMs: number;
  bars: WaterfallBar[];
  markers: WaterfallMarker[];
}

export function buildWaterfall(state: RunState): Waterfall {
  const bars: WaterfallBar[] = [];
  for (const stage of STAGES) {
    const s = state.stages[stage];
    for (const model of s.models) {
      const m = s.members[model];
      if (!m || m.startMs === null) continue;
      const inProgress = m.endMs === null;
      bars.push({
        key: `${stage}:${model}`,
        stage,
        model,
        status: m.status,
        startMs: m.startMs,
        queuedMs: m.queuedMs,
        firstTokenMs: m.firstTokenMs,
        endMs: Math.max(m.startMs, m.endMs ?? state.elapsedMs),
        inProgress,
        retriesAtMs: m.retries.map((r) => r.t),
        cut: m.status === 'cut',
        failureReason: m.failure?.reason ?? null,
      });
    }
  }
  const markers: WaterfallMarker[] = [];
  for (const stage of STAGES) {
    const startMs = state.stages[stage].startMs;
    if (startMs !== null) markers.push({ kind: 'stage', label: `Stage ${stage}`, atMs: startMs });
  }
  if (state.earlyTransitionMs !== null) {
    markers.push({ kind: 'early-transition', label: 'Quorum reached: stage 3 starts', atMs: state.earlyTransitionMs });
  }
  const spanMs = Math.max(1, state.totals?.durationMs ?? 0, state.elapsedMs, ...bars.map((b) => b.endMs));
  return { spanMs, bars, markers };
}

/** A position on the axis as a CSS percentage, clamped to the axis. */
export function percentOf(ms: number, spanMs: number): number {
  return Math.min(100, Math.max(0, (ms / spanMs) * 100));
}
