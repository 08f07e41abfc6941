'use client';
import { useState } from 'react';

/** Who is signed in, and the way out (shared mode only; a personal server has no one to sign out). */
export function AccountBar({ name, admin }: { name: string; admin: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const signOut = async () => {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/session', { method: 'DELETE' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      window.location.assign('/sign-in');
    } catch {
      setError('Could not sign out. Try again.');
      setBusy(false);
    }
  };

  return (
    <div className="flex items-center justify-end gap-3 border-b border-neutral-200 px-3 py-1 text-sm dark:border-neutral-800">
      <span>
        Signed in as <strong data-testid="signed-in-name">{name}</strong>
        {admin ? ' (admin)' : ''}
      </span>
      {error && <span role="alert">{error}</span>}
      <button
        type="button"
        onClick={signOut}
        disabled={busy}
        className="rounded-md border border-neutral-300 px-2 py-0.5 dark:border-neutral-700"
      >
        Sign out
      </button>
    </div>
  );
}
