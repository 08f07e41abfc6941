import type { ChatChunk, ChatModel, ChatRequest, TokenUsage } from '@/lib/council/chat-model';
import type { Clock } from '@/lib/council/clock';
import { ModelCallError, type FailureReason } from '@/lib/council/model-call-error';
import { ANSWER_SYSTEM_PROMPT, RANKING_SYSTEM_PROMPT, SYNTHESIS_SYSTEM_PROMPT } from '@/lib/council/prompts';

/** How one call of a scripted model behaves. Times are on the injected clock. */
export interface ModelBehaviour {
  /** The text streamed, split into word tokens. Default: `answer from [<id>]`. */
  reply?: string;
  /** Default 100 ms. */
  firstTokenMs?: number;
  /** Default 100 tokens per second; Infinity streams every token at once after the first. */
  tokensPerSecond?: number;
  /** Throw a ModelCallError after `afterTokens` tokens (0: before any). */
  fail?: { reason?: FailureReason; afterTokens?: number; message?: string };
  /** Never finish (after `afterTokens` tokens) until aborted. */
  hang?: { afterTokens?: number };
  /** Finish without any text. */
  empty?: boolean;
  /** Failed attempts before the real one: stream `afterTokens` tokens, then announce a retry and wait `delayMs`. */
  retries?: { afterTokens?: number; delayMs?: number; reason?: string }[];
  /** Held back this long before the call goes out, announced as the resilience layer does (queue chunks). */
  queuedMs?: number;
  usage?: TokenUsage;
  costUsd?: number;
}

export type ScriptStep = string | ModelBehaviour;
/** A fixed behaviour, one per call (the last repeats), or a function of the request. */
export type Script = ScriptStep | ScriptStep[] | ((request: ChatRequest, call: number) => ScriptStep);

/** One recorded call. */
export interface RecordedCall {
  model: string;
  request: ChatRequest;
  startedAt: number;
  endedAt: number | null;
  /** True until the stream has ended, thrown or been returned. */
  open: boolean;
  aborted: boolean;
  tokens: number;
}

export type CallRole = 'answer' | 'ranking' | 'synthesis';

/** Which stage a request belongs to, read from the engine's prompts. */
export function roleOf(request: ChatRequest): CallRole {
  const system = request.messages[0]?.content;
  if (system === RANKING_SYSTEM_PROMPT) return 'ranking';
  if (system === SYNTHESIS_SYSTEM_PROMPT) return 'synthesis';
  if (system === ANSWER_SYSTEM_PROMPT) return 'answer';
  throw new Error('unknown prompt');
}

export class ScriptedModel implements ChatModel {
  readonly calls: RecordedCall[] = [];

  constructor(
    readonly id: string,
    private readonly script: Script,
    private readonly clock: Clock,
  ) {}

  stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<ChatChunk> {
    const call: RecordedCall = {
      model: this.id,
      request,
      startedAt: this.clock.now(),
      endedAt: null,
      open: true,
      aborted: false,
      tokens: 0,
    };
    const index = this.calls.push(call) - 1;
    const step = this.stepFor(request, index);
    const behaviour: ModelBehaviour = typeof step === 'string' ? { reply: step } : step;
    return this.run(behaviour, call, signal);
  }

  private stepFor(request: ChatRequest, index: number): ScriptStep {
    if (typeof this.script === 'function') return this.script(request, index);
    if (Array.isArray(this.script)) return this.script[Math.min(index, this.script.length - 1)];
    return this.script;
  }

  private async *run(b: ModelBehaviour, call: RecordedCall, signal: AbortSignal): AsyncGenerator<ChatChunk> {
    const sleep = (ms: number) => sleepOn(this.clock, ms, signal);
    const tokens = b.empty ? [] : tokenize(b.reply ?? `answer from [${this.id}]`);
    const gapMs = 1000 / (b.tokensPerSecond ?? 100);
    try {
      const streamTokens = async function* (count: number): AsyncGenerator<ChatChunk> {
        for (let i = 0; i < count; i++) {
          await sleep(i === 0 ? (b.firstTokenMs ?? 100) : gapMs);
          call.tokens += 1;
          yield { type: 'delta', text: tokens[i % Math.max(1, tokens.length)] ?? '' };
        }
      };
      if (b.queuedMs !== undefined) {
        yield { type: 'queue', state: 'waiting' };
        await sleep(b.queuedMs);
        yield { type: 'queue', state: 'admitted' };
      }
      for (const [i, retry] of (b.retries ?? []).entries()) {
        yield* streamTokens(retry.afterTokens ?? 0);
        yield { type: 'retrying', attempt: i + 2, delayMs: retry.delayMs ?? 50, reason: retry.reason ?? 'http_503' };
        await sleep(retry.delayMs ?? 50);
      }
      if (b.fail) {
        yield* streamTokens(Math.min(b.fail.afterTokens ?? 0, tokens.length));
        if ((b.fail.afterTokens ?? 0) === 0) await sleep(b.firstTokenMs ?? 100);
        throw new ModelCallError({ reason: b.fail.reason ?? 'http_500', message: b.fail.message ?? 'scripted failure' });
      }
      if (b.hang) {
        yield* streamTokens(Math.min(b.hang.afterTokens ?? 0, tokens.length));
        await sleep(Number.POSITIVE_INFINITY);
      }
      if (tokens.length === 0) await sleep(b.firstTokenMs ?? 100);
      yield* streamTokens(tokens.length);
      yield {
        type: 'finish',
        usage: b.usage ?? { input: 10, output: tokens.length },
        costUsd: b.costUsd,
        finishReason: 'stop',
      };
    } finally {
      call.open = false;
      call.aborted = signal.aborted;
      call.endedAt = this.clock.now();
    }
  }
}

/** Words with their trailing space, so that joining the tokens gives the reply back. */
export function tokenize(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** Waits on the clock; rejects with a `cancelled` ModelCallError as soon as `signal` aborts. */
export function sleepOn(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () => new ModelCallError({ reason: 'cancelled', message: 'aborted' });
    if (signal.aborted) return reject(cancelled());
    // No wait at all (not even a 0 ms timer): a zero-latency model runs on microtasks alone.
    if (ms <= 0) return resolve();
    const onAbort = () => {
      cancelTimer();
      reject(cancelled());
    };
    const cancelTimer = Number.isFinite(ms)
      ? clock.setTimer(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, ms)
      : () => {};
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A set of scripted models by id, with the `model` resolver CouncilDeps wants. */
export class ScriptedCouncil {
  readonly models = new Map<string, ScriptedModel>();

  constructor(
    private readonly clock: Clock,
    scripts: Record<string, Script>,
  ) {
    for (const [id, script] of Object.entries(scripts)) this.models.set(id, new ScriptedModel(id, script, clock));
  }

  model = (id: string): ChatModel => {
    const found = this.models.get(id);
    if (!found) throw new Error(`unknown model ${id}`);
    return found;
  };

  calls(): RecordedCall[] {
    return [...this.models.values()].flatMap((m) => m.calls);
  }

  openCalls(): RecordedCall[] {
    return this.calls().filter((c) => c.open);
  }
}

/**
 * The labels a judge was shown, read back from its prompt: label → the text of that response.
 */
export function responsesInPrompt(request: ChatRequest): Record<string, string> {
  const content = request.messages.map((m) => m.content).join('\n');
  const out: Record<string, string> = {};
  for (const match of content.matchAll(/<response label="([A-Z]+)">\n([\s\S]*?)\n<\/response>/g)) out[match[1]] = match[2];
  return out;
}

/**
 * A judge that ranks the answers it sees by `preference` (model ids, best first), recognising each
 * answer by the default reply `answer from [<id>]`.
 */
export function rankingReply(request: ChatRequest, preference: string[]): string {
  const responses = responsesInPrompt(request);
  const rankOf = (text: string) => {
    const index = preference.findIndex((model) => text.includes(`answer from [${model}]`));
    return index === -1 ? preference.length : index;
  };
  const order = Object.keys(responses).sort((a, b) => rankOf(responses[a]) - rankOf(responses[b]) || a.localeCompare(b));
  return `Solid work overall. {"ranking": ${JSON.stringify(order)}}`;
}
