/**
 * The conversations HTTP API (GET list, GET one, PATCH rename, DELETE, export) as plain functions of a
 * store and a Request, so that route files stay one line each and tests need no Next.js.
 * Every function takes the caller's scope, which the store applies in its queries: another key's conversation
 * is 404 exactly like an unknown one (never 403: no existence leak). A malformed id is 400 before any lookup.
 */
import { z } from 'zod';
import {
  deleteConversation,
  getConversationDetail,
  listConversations,
  MAX_PAGE_SIZE,
  MAX_TITLE_CHARS,
  renameConversation,
} from './conversations';
import { conversationToMarkdown, exportFileName } from './export-markdown';
import { InvalidCursorError, type Scope, type Store } from './store';
import { badRequest, jsonResponse, readJsonBody, zodIssues } from '@/lib/http/json-response';
import { isUuid, normalizeUuid } from '@/lib/http/uuid';

export function notFound(): Response {
  return jsonResponse({ error: 'There is no conversation with this id.', code: 'not_found' }, 404);
}

function malformedId(): Response {
  return badRequest('The conversation id is not valid.', [{ path: 'id', message: 'must be a UUID' }]);
}

/** Runs `handle` with the normalised id, or answers 400 for a malformed one. */
function withValidId(id: string, handle: (id: string) => Promise<Response>): Promise<Response> {
  return isUuid(id) ? handle(normalizeUuid(id)) : Promise.resolve(malformedId());
}

/** Runs a handler with the store, or answers 503 when the store cannot be opened. */
export async function withStore(open: () => Promise<Store>, handle: (store: Store) => Promise<Response>): Promise<Response> {
  let store: Store;
  try {
    store = await open();
  } catch (error) {
    console.error('Store unavailable:', error instanceof Error ? error.message : error);
    return jsonResponse({ error: 'Conversation storage is unavailable right now.' }, 503);
  }
  return handle(store);
}

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  cursor: z.string().min(1).max(500).optional(),
});

export async function listConversationsResponse(store: Store, request: Request, scope: Scope): Promise<Response> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = listQuery.safeParse(params);
  if (!query.success) return badRequest('The query is invalid.', zodIssues(query.error));
  try {
    return jsonResponse(await listConversations(store, { ...query.data, scope }));
  } catch (error) {
    if (error instanceof InvalidCursorError) return badRequest(error.message, [{ path: 'cursor', message: 'not a cursor from this API' }]);
    throw error;
  }
}

export async function getConversationResponse(store: Store, rawId: string, scope: Scope): Promise<Response> {
  return withValidId(rawId, async (id) => {
    const detail = await getConversationDetail(store, id, scope);
    return detail ? jsonResponse(detail) : notFound();
  });
}

const renameBody = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(MAX_TITLE_CHARS, `must be at most ${MAX_TITLE_CHARS} characters`),
});

export async function renameConversationResponse(store: Store, rawId: string, request: Request, scope: Scope): Promise<Response> {
  return withValidId(rawId, async (id) => {
    const parsed = await readJsonBody(request, renameBody);
    if (!parsed.ok) return parsed.response;
    const renamed = await renameConversation(store, id, parsed.data.title, scope);
    return renamed ? jsonResponse(renamed) : notFound();
  });
}

export async function deleteConversationResponse(store: Store, rawId: string, scope: Scope): Promise<Response> {
  return withValidId(rawId, async (id) => ((await deleteConversation(store, id, scope)) ? new Response(null, { status: 204 }) : notFound()));
}

const exportQuery = z.object({ format: z.enum(['md', 'json']).default('md') });

export async function exportConversationResponse(store: Store, rawId: string, request: Request, scope: Scope): Promise<Response> {
  if (!isUuid(rawId)) return malformedId();
  const query = exportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return badRequest('The query is invalid.', zodIssues(query.error));
  const detail = await getConversationDetail(store, normalizeUuid(rawId), scope);
  if (!detail) return notFound();
  const format = query.data.format;
  const headers = {
    'cache-control': 'no-store',
    'content-disposition': `attachment; filename="${exportFileName(detail.title, format)}"`,
  };
  if (format === 'json') {
    return new Response(`${JSON.stringify(detail, null, 2)}\n`, { headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
  }
  return new Response(conversationToMarkdown(detail), { headers: { ...headers, 'content-type': 'text/markdown; charset=utf-8' } });
}
