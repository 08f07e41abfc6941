import { PERSONAL } from '@/lib/access/identity';
import { deletePresetResponse, listPresetsResponse, putPresetResponse, withPresetStore as withStore } from '@/lib/server/presets-api';
import { getStore } from '@/lib/store/get-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// The identity is the personal one until access keys land; the handlers already scope every preset to its key.

/** The caller's council presets: `{ presets: [{ name, tier, members, chairman, mode, updatedAt }] }`. */
export async function GET(): Promise<Response> {
  return withStore(getStore, (store) => listPresetsResponse(store, PERSONAL));
}

/** Saves `{ name, tier, members, chairman, mode }`, replacing a preset of the same name: `{ preset }`. */
export async function PUT(request: Request): Promise<Response> {
  return withStore(getStore, (store) => putPresetResponse(store, PERSONAL, request));
}

/** Deletes `?name=`: 204, or 404 when the caller has no preset of that name. */
export async function DELETE(request: Request): Promise<Response> {
  return withStore(getStore, (store) => deletePresetResponse(store, PERSONAL, request));
}
