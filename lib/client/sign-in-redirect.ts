/**
 * A 401 from the API means this browser's session ended (signed out elsewhere, or its key was revoked): go to
 * the sign-in page rather than show errors. Personal mode never answers 401, so this never fires there.
 */
export function sendToSignInIfSignedOut(response: Response): void {
  if (response.status === 401 && typeof window !== 'undefined' && window.location.pathname !== '/sign-in') {
    window.location.assign('/sign-in');
  }
}
