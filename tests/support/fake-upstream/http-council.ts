import type { ChatModel } from '@/lib/council/chat-model';
import { createAnthropicModel } from '@/lib/providers/anthropic/create-anthropic-model';
import { createOpenAICompatibleModel } from '@/lib/providers/openai-compatible/create-openai-compatible-model';
import { guardModel } from '@/lib/providers/guard-model';
import { Bulkhead, CircuitBreaker, InMemoryRateLimitGates, rateLimitKey, withResilience, type RetryPolicy } from '@/lib/providers/resilience';

export interface HttpCouncilOptions {
  /** The fake upstream's origin. */
  url: string;
  /** Member id → protocol; the upstream model name is the member id. */
  members: Record<string, 'openai' | 'anthropic'>;
  retry?: RetryPolicy;
  /** Per provider; default large enough that it never queues. */
  maxConcurrent?: number;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
}

/**
 * The production shape of a model, over real HTTP: vendor adapter → guardModel → withResilience (one bulkhead per
 * provider, one rate limiter and one breaker per model), as the server wiring builds it.
 */
export function httpCouncilModels(options: HttpCouncilOptions): (id: string) => ChatModel {
  const retry = options.retry ?? { maxAttempts: 3, baseMs: 5, factor: 2, capMs: 40 };
  const gates = new InMemoryRateLimitGates();
  const providers = {
    openai: { name: 'openrouter', bulkhead: bulkhead(options, 'openrouter') },
    anthropic: { name: 'anthropic', bulkhead: bulkhead(options, 'anthropic') },
  };
  const models = new Map<string, ChatModel>();
  for (const [id, protocol] of Object.entries(options.members)) {
    const { name, bulkhead } = providers[protocol];
    const limiter = gates.gate(rateLimitKey(name, id, 'model'));
    const adapterOptions = { id, model: id, apiKey: `sk-fake-${protocol}-key`, onResponse: limiter.observe, fetch: options.fetch };
    const raw =
      protocol === 'openai'
        ? createOpenAICompatibleModel({ ...adapterOptions, baseURL: `${options.url}/api/v1` })
        : createAnthropicModel({ ...adapterOptions, baseURL: options.url });
    models.set(id, withResilience(guardModel(raw, { apiKey: adapterOptions.apiKey }), { retry, limiter, bulkhead, breaker: new CircuitBreaker({ name: id }) }));
  }
  return (id) => {
    const model = models.get(id);
    if (!model) throw new Error(`unknown model ${id}`);
    return model;
  };
}

function bulkhead(options: HttpCouncilOptions, name: string): Bulkhead {
  return new Bulkhead({ maxConcurrent: options.maxConcurrent ?? 1_000, maxQueue: 1_000, name });
}
