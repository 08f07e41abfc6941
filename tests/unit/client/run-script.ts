/**
 * Builds plausible CouncilEvent sequences for the reducer tests: a scripted run described by a small plan,
 * numbered with seq 1..n and increasing t, ending in one terminal event.
 */
import type { CouncilEvent, CouncilEventBody } from '@/lib/council/events';
import { DEFAULT_POLICY } from '@/lib/council/policy';

export interface MemberPlan {
  deltas: string[];
  retryFirst: boolean;
  /** Stage-1 outcome. */
  outcome: 'done' | 'http_500' | 'straggler';
}

export interface RunPlan {
  members: MemberPlan[];
  terminal: 'completed' | 'failed' | 'cancelled';
  lateJudge: boolean;
}

export function scriptRun(plan: RunPlan, runId = 'run-1'): CouncilEvent[] {
  const models = plan.members.map((_, i) => `m${i + 1}`);
  const bodies: CouncilEventBody[] = [];
  const push = (b: CouncilEventBody) => bodies.push(b);
  push({ type: 'run.started', question: 'Why?', tier: 'speed', members: models, chairman: models[0], fallbackChairmen: [], policy: DEFAULT_POLICY });
  push({ type: 'stage.started', stage: 1, models });
  const survivors: string[] = [];
  plan.members.forEach((member, i) => {
    const model = models[i];
    push({ type: 'member.started', stage: 1, model, attempt: 1 });
    if (member.retryFirst) {
      push({ type: 'member.delta', stage: 1, model, text: 'partial ' });
      push({ type: 'member.retrying', stage: 1, model, attempt: 1, delayMs: 10, reason: 'http_503' });
      push({ type: 'member.started', stage: 1, model, attempt: 2 });
    }
    for (const text of member.deltas) push({ type: 'member.delta', stage: 1, model, text });
    const timing = { startMs: 1, firstTokenMs: 2, endMs: 3 };
    const attempts = member.retryFirst ? 2 : 1;
    if (member.outcome === 'done') {
      survivors.push(model);
      push({ type: 'member.completed', stage: 1, model, text: member.deltas.join(''), usage: { input: 5, output: 7 }, costUsd: 0.001, timing, attempts });
    } else {
      push({ type: 'member.failed', stage: 1, model, reason: member.outcome, message: `failed: ${member.outcome}`, timing, attempts });
    }
  });
  push({ type: 'stage.completed', stage: 1, durationMs: 50, succeeded: survivors, failed: models.filter((m) => !survivors.includes(m)) });
  if (plan.terminal === 'failed') {
    push({ type: 'run.failed', reason: 'no_answers', message: 'Every member failed.' });
    return number(bodies, runId);
  }
  push({ type: 'stage.started', stage: 2, models: survivors });
  const labels = Object.fromEntries(survivors.map((m, i) => [String.fromCharCode(65 + i), m]));
  survivors.forEach((judge, i) => {
    const late = plan.lateJudge && i === survivors.length - 1 && survivors.length > 1;
    push({ type: 'member.started', stage: 2, model: judge, attempt: 1 });
    push({ type: 'ranking.parsed', judge, labels, order: Object.keys(labels), ranked: survivors, valid: true, late, critique: 'ok' });
    if (!late && i === 0 && plan.lateJudge && survivors.length > 1) {
      push({ type: 'stage.completed', stage: 2, durationMs: 30, succeeded: [judge], failed: [], transition: 'quorum' });
    }
  });
  const entries = survivors.map((model, i) => ({ model, averageRank: i + 1, votes: survivors.length }));
  push({ type: 'ranking.aggregate', entries, late: false });
  if (plan.terminal === 'cancelled') {
    push({ type: 'member.delta', stage: 3, model: models[0], text: 'The final' });
    push({ type: 'run.cancelled', reason: 'client_gone', message: 'Stopped.' });
    return number(bodies, runId);
  }
  push({ type: 'stage.started', stage: 3, models: [models[0]] });
  push({ type: 'member.started', stage: 3, model: models[0], attempt: 1 });
  push({ type: 'member.delta', stage: 3, model: models[0], text: 'The final' });
  push({ type: 'member.delta', stage: 3, model: models[0], text: ' answer' });
  push({ type: 'warning', code: 'stage_slow', message: 'slow', stage: 3 });
  push({ type: 'run.completed', text: 'The final answer.', chairman: models[0], degraded: survivors.length < 2, totals: { durationMs: 120, stages: [], tokens: { input: 10, output: 20 }, costUsd: 0.01 } });
  return number(bodies, runId);
}

function number(bodies: CouncilEventBody[], runId: string): CouncilEvent[] {
  return bodies.map((body, i) => ({ ...body, runId, seq: i + 1, t: i * 10 }) as CouncilEvent);
}
