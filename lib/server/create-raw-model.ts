import { readKey, type EnvSource } from '@/lib/config/env';
import type { ModelConfig } from '@/lib/config/schema';
import type { ChatModel } from '@/lib/council/chat-model';
import { guardModel } from '@/lib/providers/guard-model';
import type { RateLimitGate } from '@/lib/providers/resilience';
import { createAnthropicModel } from '@/lib/providers/anthropic/create-anthropic-model';
import { createOpenAICompatibleModel } from '@/lib/providers/openai-compatible/create-openai-compatible-model';
import { createSimulatedModel } from '@/lib/providers/simulated';
import type { ProviderParts } from './create-provider-parts';

/** Local servers (Ollama, vLLM, …) take any key; the SDKs insist on a non-empty one. */
const NO_KEY = 'not-needed';

export interface RawModelDeps {
  env: EnvSource;
  /** Tests hand in their own fetch; the global (pooled, keep-alive) one otherwise. */
  fetch?: typeof fetch;
}

/**
 * The vendor adapter for one configured model, guarded (output cap, text, redaction), before the resilience
 * layer; `limiter` learns from its responses.
 */
export function createRawModel(
  model: ModelConfig,
  parts: ProviderParts,
  limiter: RateLimitGate,
  deps: RawModelDeps,
): ChatModel {
  const { provider } = parts;
  if (provider.kind === 'simulated') {
    return guardModel(
      createSimulatedModel({
        id: model.id,
        model: model.model,
        ...(model.simulation ? { simulation: model.simulation } : {}),
        ...(model.pricing ? { pricing: model.pricing } : {}),
      }),
    );
  }
  // The config loader already refused a tier whose key is missing; an unused model may still lack one.
  const apiKey = (provider.apiKeyEnv ? readKey(deps.env, provider.apiKeyEnv) : undefined) ?? NO_KEY;
  const options = {
    id: model.id,
    model: model.model,
    apiKey,
    ...(provider.baseURL ? { baseURL: provider.baseURL } : {}),
    ...(model.pricing ? { pricing: model.pricing } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    onResponse: limiter.observe,
  };
  return guardModel(provider.kind === 'anthropic' ? createAnthropicModel(options) : createOpenAICompatibleModel(options), { apiKey });
}
