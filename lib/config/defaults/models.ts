import type { ModelConfig } from '../schema';

/**
 * Built-in models: current OpenRouter ids with OpenRouter's list prices (USD per million tokens).
 * A starting point that users edit in their config file; prices drift, so treat them as estimates.
 */
export const DEFAULT_MODELS: ModelConfig[] = [
  // Fast and cheap: the speed and cost tiers.
  openrouter('gemini-2.5-flash', 'google/gemini-2.5-flash', 0.3, 2.5),
  openrouter('gpt-5-mini', 'openai/gpt-5-mini', 0.25, 2),
  openrouter('claude-haiku-4.5', 'anthropic/claude-haiku-4.5', 1, 5),
  openrouter('deepseek-v3.1', 'deepseek/deepseek-chat-v3.1', 0.2, 0.8),
  openrouter('grok-4-fast', 'x-ai/grok-4-fast', 0.2, 0.5),
  // Stronger: the balanced tier.
  openrouter('gpt-5.1', 'openai/gpt-5.1', 1.25, 10),
  openrouter('claude-sonnet-4.5', 'anthropic/claude-sonnet-4.5', 3, 15),
  openrouter('gemini-2.5-pro', 'google/gemini-2.5-pro', 1.25, 10),
  openrouter('grok-4', 'x-ai/grok-4', 3, 15),
];

function openrouter(id: string, model: string, inputPerMTok: number, outputPerMTok: number): ModelConfig {
  return { id, provider: 'openrouter', model, pricing: { inputPerMTok, outputPerMTok } };
}
