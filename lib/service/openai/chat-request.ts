/**
 * `POST /v1/chat/completions` input (DESIGN.md §6): OpenAI's Chat Completions body, mapped to a council
 * question. The last user message is the question, earlier user/assistant turns are the history, system (and
 * developer) messages are instructions for every member. Parameters the council cannot honour are refused as
 * OpenAI refuses a bad value (400 with `param`); the sampling knobs are accepted and ignored (the tier decides).
 */
import { z } from 'zod';
import type { HistoryTurn } from '@/lib/council/council-input';
import { MAX_QUESTION_CHARS } from '@/lib/server/council-request';

const textPart = z.object({ type: z.literal('text'), text: z.string() });
const content = z.union([z.string(), z.array(z.union([textPart, z.object({ type: z.string() }).loose()]))]).nullable();
const message = z
  .object({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
    content: content.optional(),
  })
  .loose();

export const chatRequestSchema = z
  .object({
    model: z.string().min(1).max(200),
    messages: z.array(message).min(1).max(500),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().nullish() }).loose().nullish(),
    n: z.number().int().nullish(),
    tools: z.array(z.unknown()).nullish(),
    functions: z.array(z.unknown()).nullish(),
    logprobs: z.boolean().nullish(),
  })
  .loose();

export type ChatRequestBody = z.infer<typeof chatRequestSchema>;

export interface CouncilQuestion {
  question: string;
  history: HistoryTurn[];
  instructions?: string;
}

/** A problem with the body, as OpenAI reports it: the message and the parameter at fault. */
export interface ChatRequestProblem {
  message: string;
  param: string;
}

/** Refuses what the council cannot do; everything else (temperature, max_tokens, seed, …) is ignored. */
export function unsupportedParameter(body: ChatRequestBody): ChatRequestProblem | null {
  if (body.n != null && body.n !== 1) return { param: 'n', message: 'Quorum returns one answer per request: n must be 1.' };
  if (body.tools?.length || body.functions?.length) {
    return { param: body.tools?.length ? 'tools' : 'functions', message: 'Quorum does not call tools or functions.' };
  }
  if (body.logprobs) return { param: 'logprobs', message: 'Quorum cannot return log probabilities.' };
  return null;
}

/** Maps the messages to the council's question, history and instructions, or says which message is wrong. */
export function toCouncilQuestion(body: ChatRequestBody): { ok: true; value: CouncilQuestion } | { ok: false; problem: ChatRequestProblem } {
  const instructions: string[] = [];
  const history: HistoryTurn[] = [];
  let pendingUser: string[] = [];
  let question: string | null = null;
  for (const [index, entry] of body.messages.entries()) {
    const text = textOf(entry.content);
    if (text === null) {
      return { ok: false, problem: { param: `messages[${index}].content`, message: 'Only text content is supported.' } };
    }
    const last = index === body.messages.length - 1;
    switch (entry.role) {
      case 'system':
      case 'developer':
        if (text.trim()) instructions.push(text.trim());
        break;
      case 'user':
        if (last) question = [...pendingUser, text].join('\n\n');
        else pendingUser.push(text);
        break;
      case 'assistant':
        // An answer with no question before it (a greeting the client shows) is context, not a turn.
        if (pendingUser.length > 0) history.push({ question: pendingUser.join('\n\n'), answer: text });
        pendingUser = [];
        break;
      default:
        return { ok: false, problem: { param: `messages[${index}].role`, message: `Messages with role "${entry.role}" are not supported.` } };
    }
  }
  if (question === null || question.trim() === '') {
    return { ok: false, problem: { param: 'messages', message: 'The last message must be a non-empty user message: it is the question.' } };
  }
  if (question.length > MAX_QUESTION_CHARS) {
    return { ok: false, problem: { param: 'messages', message: `The question must be at most ${MAX_QUESTION_CHARS} characters.` } };
  }
  return { ok: true, value: { question: question.trim(), history, ...(instructions.length ? { instructions: instructions.join('\n\n') } : {}) } };
}

/** A message's text; null when it carries something other than text (images, audio, files). */
function textOf(value: z.infer<typeof content> | undefined): string | null {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  const texts: string[] = [];
  for (const part of value) {
    if (part.type !== 'text' || typeof (part as { text?: unknown }).text !== 'string') return null;
    texts.push((part as { text: string }).text);
  }
  return texts.join('\n');
}

/** `quorum/<tier>` → the tier; `quorum` → the default tier; anything else → null (404 model_not_found). */
export function tierOfModel(model: string, defaultTier: string): string | null {
  if (model === 'quorum') return defaultTier;
  return model.startsWith('quorum/') && model.length > 'quorum/'.length ? model.slice('quorum/'.length) : null;
}
