/**
 * `POST /v1/chat/completions` (DESIGN.md §6): a thin adapter over the one council pipeline. It translates
 * OpenAI's request into a council question, and the run's events into OpenAI's response or stream; every rule
 * (tier permission, limits, budget, ownership, recording) is the pipeline's.
 */
import type { Identity } from '@/lib/access/identity';
import { readJsonBody } from '@/lib/http/json-response';
import { startCouncilRun, type PipelineDeps } from '@/lib/server/council-pipeline';
import { chatRequestSchema, tierOfModel, toCouncilQuestion, unsupportedParameter } from './chat-request';
import { completionResultResponse } from './completion-result';
import { completionStreamResponse } from './completion-stream';
import { openAIError, openAIErrorResponse, refusalToOpenAI } from './openai-error';

export interface ChatCompletionsOptions {
  identity: Identity;
  deps: PipelineDeps;
  heartbeatMs?: number;
}

export async function chatCompletionsResponse(request: Request, options: ChatCompletionsOptions): Promise<Response> {
  const read = await readJsonBody(request, chatRequestSchema);
  if (!read.ok) return toOpenAIBadRequest(read.response);
  const body = read.data;

  const unsupported = unsupportedParameter(body);
  if (unsupported) return badRequest(unsupported.message, unsupported.param);
  const { service } = options.deps;
  const tier = tierOfModel(body.model, service.defaultTier);
  if (!tier || !service.hasTier(tier)) {
    return openAIErrorResponse(
      404,
      openAIError(`The model "${body.model}" does not exist. GET /v1/models lists the councils.`, 'invalid_request_error', 'model', 'model_not_found'),
    );
  }
  const mapped = toCouncilQuestion(body);
  if (!mapped.ok) return badRequest(mapped.problem.message, mapped.problem.param);

  const started = await startCouncilRun(
    {
      identity: options.identity,
      source: 'api',
      tier,
      question: mapped.value.question,
      history: mapped.value.history,
      ...(mapped.value.instructions ? { instructions: mapped.value.instructions } : {}),
      signal: request.signal,
    },
    options.deps,
  );
  if (!started.ok) return refusalToOpenAI(started.refusal);
  const { run } = started;
  const headers = { 'x-quorum-run-id': run.runId };
  if (body.stream) {
    return completionStreamResponse(run.events, {
      runId: run.runId,
      tier,
      model: body.model,
      includeUsage: body.stream_options?.include_usage === true,
      headers,
      ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    });
  }
  return completionResultResponse(run.events, { runId: run.runId, tier, model: body.model, headers });
}

function badRequest(message: string, param: string | null): Response {
  return openAIErrorResponse(400, openAIError(message, 'invalid_request_error', param, 'invalid_request'));
}

/** The shared body reader's refusal (bad JSON, a bad field, too large) in OpenAI's shape, same status. */
async function toOpenAIBadRequest(response: Response): Promise<Response> {
  const body = (await response.json().catch(() => ({}))) as { error?: string; issues?: { path: string; message: string }[] };
  const issue = body.issues?.[0];
  const message = issue ? `${issue.path}: ${issue.message}` : (body.error ?? 'The request body is invalid.');
  const param = issue && issue.path !== '(body)' ? issue.path : null;
  return openAIErrorResponse(response.status, openAIError(message, 'invalid_request_error', param, response.status === 413 ? 'request_too_large' : 'invalid_request'));
}
