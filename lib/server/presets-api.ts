import 'server-only';
import { z } from 'zod';
import type { Identity } from '@/lib/access/identity';
import { ownerKeyIdOf } from '@/lib/access/identity';
import { badRequest, jsonResponse, readJsonBody } from '@/lib/http/json-response';
import type { Store } from '@/lib/store/store';
import { MAX_COUNCIL_MEMBERS } from './council-request';

/** Enough for anyone's councils, and a bound on what one key may make the store keep. */
export const MAX_PRESETS_PER_OWNER = 50;
const MAX_NAME = 60;

const modelId = z.string().trim().min(1).max(200);

/** PUT /api/presets: one preset, saved under its name (a preset of the same name is replaced). */
const presetSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(MAX_NAME, `must be at most ${MAX_NAME} characters`),
  tier: z.string().trim().min(1).max(200),
  members: z.array(modelId).min(2, 'needs at least two members').max(MAX_COUNCIL_MEMBERS),
  chairman: modelId,
  mode: z.enum(['answers', 'ranked', 'full']),
});

/**
 * The council presets of the caller's key (personal mode: the single owner of this server). Whether the models are
 * still allowed is checked when a run uses them, not here: a preset may outlive a model or a permission.
 */
/** Runs a presets handler; a store that fails under it (a database gone away) answers 503, never a 500. */
export async function withPresetStore(open: () => Promise<Store>, handle: (store: Store) => Promise<Response>): Promise<Response> {
  try {
    return await handle(await open());
  } catch (error) {
    console.error('Presets storage failed:', error instanceof Error ? error.message : error);
    return jsonResponse({ error: 'Preset storage is unavailable right now. Try again shortly.' }, 503, { 'retry-after': '5' });
  }
}

export async function listPresetsResponse(store: Store, identity: Identity): Promise<Response> {
  // `scope` tells the browser where its presets live: with the key (shared mode) or in the browser (personal).
  const scope = identity.kind === 'key' ? 'key' : 'personal';
  return jsonResponse({ scope, presets: await store.listPresets(ownerKeyIdOf(identity)) });
}

export async function putPresetResponse(store: Store, identity: Identity, request: Request): Promise<Response> {
  const read = await readJsonBody(request, presetSchema);
  if (!read.ok) return read.response;
  const owner = ownerKeyIdOf(identity);
  const existing = await store.listPresets(owner);
  if (existing.length >= MAX_PRESETS_PER_OWNER && !existing.some((p) => p.name === read.data.name)) {
    return badRequest(`At most ${MAX_PRESETS_PER_OWNER} presets per key: delete one first.`, [
      { path: 'name', message: `at most ${MAX_PRESETS_PER_OWNER} presets` },
    ]);
  }
  return jsonResponse({ preset: await store.putPreset(owner, read.data, new Date()) });
}

export async function deletePresetResponse(store: Store, identity: Identity, request: Request): Promise<Response> {
  const name = new URL(request.url).searchParams.get('name')?.trim();
  if (!name || name.length > MAX_NAME) {
    return badRequest('Say which preset to delete: ?name=…', [{ path: 'name', message: 'required, at most 60 characters' }]);
  }
  const deleted = await store.deletePreset(ownerKeyIdOf(identity), name);
  return deleted ? new Response(null, { status: 204 }) : jsonResponse({ error: `No preset named "${name}".` }, 404);
}
