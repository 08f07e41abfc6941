/**
 * What the "degraded" banner says: what actually happened, read from the run's warnings and its end, rather
 * than one fixed sentence. Null when the run delivered what its mode promised.
 */
import type { RunState } from './run-state';

export function describeDegraded(run: Pick<RunState, 'status' | 'degraded' | 'warnings' | 'answeredBy' | 'mode'>): string | null {
  if (run.status !== 'completed' || !run.degraded) return null;
  const has = (code: string) => run.warnings.some((w) => w.code === code);
  const by = run.answeredBy ? ` (${run.answeredBy})` : '';
  if (has('chairman_failed')) {
    return `Every chairman failed, so nothing was synthesised: the top-ranked answer${by} is shown as it is.`;
  }
  if (has('single_answer')) {
    return `Only one member answered${by}: its answer is shown as it is, without ranking${run.mode === 'full' ? ' or synthesis' : ''}.`;
  }
  const tooFew = run.warnings.find((w) => w.code === 'degraded_council' && w.stage === null);
  if (tooFew) return `Too few members answered to rank: ${tooFew.message}`;
  if (has('no_valid_rankings')) {
    return `No judge returned a valid ranking, so nothing was ranked: the first answer to arrive${by} is shown.`;
  }
  return `The council could not finish as planned: the answer${by} is shown as it is.`;
}

/** Who the final text is from, in words: the chairman's synthesis, the mode's pick, or a fallback. */
export function describeFinalSource(run: Pick<RunState, 'finalModel' | 'answeredBy' | 'mode' | 'degraded' | 'status'>): string | null {
  if (run.answeredBy) {
    if (run.degraded) return `Answer by ${run.answeredBy}`;
    if (run.mode === 'answers') return `Longest answer, by ${run.answeredBy} (answers only: not ranked)`;
    if (run.mode === 'ranked') return `Top-ranked answer, by ${run.answeredBy}`;
    return `Answer by ${run.answeredBy}`;
  }
  return run.finalModel ? `Synthesised by ${run.finalModel}` : null;
}
