/**
 * The `simulated` provider: a real ChatModel, chosen through configuration, that needs no network.
 * It reads the council's prompts to know whether it is answering, judging or chairing, writes a
 * plausible reply about the question, and streams it token by token with the latency of its
 * profile. Everything is seeded by the model name and the request, so the same call gives the same
 * reply and timing.
 */
import type { ChatChunk, ChatModel, ChatRequest } from '@/lib/council/chat-model';
import { seededRandom, type Random } from '@/lib/council/random';
import { costUsd, type Pricing } from '@/lib/pricing/pricing';
import { abortableSleep, cancelled, waitForAbort } from './abortable-sleep';
import { composeAnswer } from './compose-answer';
import { composeRanking } from './compose-ranking';
import { composeSynthesis } from './compose-synthesis';
import { hashText } from './hash-text';
import { profileFor, type SimulatedProfile } from './profiles';
import { readRequest } from './read-request';
import { networkError, simulatedHttpError } from './simulated-failure';
import { createPacer, type Pacer } from './pacer';
import type { SimulationOptions } from './simulation-options';
import { approxTokens, tokenize } from './tokenize';

export interface SimulatedModelOptions {
  /** The configured model id. */
  id: string;
  /** The profile name ('sim-swift', 'sim-sage', …); any other name gets a mid-range profile. */
  model: string;
  simulation?: SimulationOptions;
  pricing?: Pricing;
}

export interface SimulatedModelDeps {
  /** Waits `ms` or rejects when `signal` aborts; tests pass an instant one. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Monotonic ms used to keep the stream on schedule; defaults to performance.now with the real sleep only. */
  now?: () => number;
}

/** Timers shorter than this are batched: tokens due within it are sent together, as a real stream would. */
const MIN_SLEEP_MS = 15;

export function createSimulatedModel(options: SimulatedModelOptions, deps: SimulatedModelDeps = {}): ChatModel {
  const sleep = deps.sleep ?? abortableSleep;
  // With an injected sleep, real time says nothing about the schedule: count the waits instead.
  const now = deps.now ?? (deps.sleep ? undefined : () => performance.now());
  const simulation = options.simulation ?? {};
  const profile = profileFor(options.model, hashText(options.model));

  async function pause(ms: number, signal: AbortSignal, pacer?: Pacer): Promise<void> {
    if (ms > 0) await sleep(ms, signal);
    pacer?.waited(ms);
    // An injected sleep may ignore the signal; the abort must still end the call at once.
    if (signal.aborted) throw cancelled();
  }

  return {
    id: options.id,
    async *stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<ChatChunk> {
      if (signal.aborted) throw cancelled();
      const seed = hashText(`${options.model}\n${JSON.stringify(request.messages)}`);
      const timing = seededRandom(seed);
      const firstTokenMs = simulation.firstTokenMs ?? draw(profile.firstTokenMs, timing);
      const tokensPerSecond = simulation.tokensPerSecond ?? profile.tokensPerSecond;

      if (simulation.failure === 'hang' || simulation.failure === 'timeout') await waitForAbort(signal);
      const httpError = simulatedHttpError(simulation.failure, options.model);
      if (httpError) {
        // A server error arrives before the first token would have.
        await pause(Math.round(firstTokenMs * 0.3), signal);
        throw httpError;
      }

      const text = simulation.failure === 'empty' ? '' : compose(request, simulation, profile, seededRandom(seed ^ 0x9e3779b9));
      const pacer = createPacer(now);
      await pause(pacer.advance(firstTokenMs), signal, pacer);

      let sent = '';
      let owedMs = 0;
      let truncated = false;
      let tokens = 0;
      for (const piece of tokenize(text)) {
        if (approxTokens(sent + piece) > request.maxTokens) {
          truncated = true;
          break;
        }
        if (simulation.failAfterTokens !== undefined && tokens >= simulation.failAfterTokens) {
          throw networkError(options.model, `stream dropped after ${tokens} tokens`);
        }
        // The first token arrives at the first-token time; each later one takes its share of a second.
        if (tokens > 0) owedMs += (piece.length / 4) * (1_000 / tokensPerSecond);
        if (owedMs >= MIN_SLEEP_MS) {
          await pause(pacer.advance(owedMs), signal, pacer);
          owedMs = 0;
        }
        if (signal.aborted) throw cancelled();
        sent += piece;
        tokens++;
        yield { type: 'delta', text: piece };
      }
      if (simulation.failAfterTokens !== undefined && tokens >= simulation.failAfterTokens && !truncated) {
        throw networkError(options.model, `stream dropped after ${tokens} tokens`);
      }
      if (owedMs > 0) await pause(pacer.advance(owedMs), signal, pacer);

      const usage = { input: request.messages.reduce((sum, m) => sum + approxTokens(m.content) + 4, 0), output: approxTokens(sent) };
      const cost = costUsd(usage, options.pricing);
      yield { type: 'finish', usage, ...(cost === undefined ? {} : { costUsd: cost }), finishReason: truncated ? 'length' : 'stop' };
    },
  };
}

function compose(request: ChatRequest, simulation: SimulationOptions, profile: SimulatedProfile, random: Random): string {
  const task = readRequest(request.messages);
  switch (task.kind) {
    case 'ranking':
      return composeRanking(task.question, task.responses, random, simulation.failure === 'invalid_ranking');
    case 'synthesis':
      return composeSynthesis(task.question, task.answers, task.rankedLabels, random);
    default:
      return simulation.reply ?? composeAnswer(task.question, profile.style, random, task.earlier);
  }
}

function draw([min, max]: readonly [number, number], random: Random): number {
  return Math.round(min + random() * (max - min));
}
