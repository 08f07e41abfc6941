import { signInResponse, signOutResponse, whoAmIResponse } from '@/lib/access/session-api';
import { withStore } from '@/lib/store/conversation-api';
import { getStore } from '@/lib/store/get-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Who is signed in: `{ mode, signedIn, name?, admin? }`. Open to everyone (the sign-in page asks it). */
export async function GET(request: Request): Promise<Response> {
  return withStore(getStore, (store) => whoAmIResponse(store, request));
}

/** Sign in: body `{ key }`; sets the httpOnly session cookie. */
export async function POST(request: Request): Promise<Response> {
  return withStore(getStore, (store) => signInResponse(store, request));
}

/** Sign out: ends this browser's session and clears its cookie. */
export async function DELETE(request: Request): Promise<Response> {
  return withStore(getStore, (store) => signOutResponse(store, request));
}
