import { withIdentity } from '@/lib/access/request-identity';
import { deletePresetResponse, listPresetsResponse, putPresetResponse, withPresetStore as withStore } from '@/lib/server/presets-api';
import { getStore } from '@/lib/store/get-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The caller's council presets: `{ presets: [{ name, tier, members, chairman, mode, updatedAt }] }`. */
export async function GET(request: Request): Promise<Response> {
  return withIdentity(request, (identity) => withStore(getStore, (store) => listPresetsResponse(store, identity)));
}

/** Saves `{ name, tier, members, chairman, mode }`, replacing a preset of the same name: `{ preset }`. */
export async function PUT(request: Request): Promise<Response> {
  return withIdentity(request, (identity) => withStore(getStore, (store) => putPresetResponse(store, identity, request)));
}

/** Deletes `?name=`: 204, or 404 when the caller has no preset of that name. */
export async function DELETE(request: Request): Promise<Response> {
  return withIdentity(request, (identity) => withStore(getStore, (store) => deletePresetResponse(store, identity, request)));
}
