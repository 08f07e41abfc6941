import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/access/sign-in-form';
import { identifyRequest } from '@/lib/access/request-identity';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in · Quorum' };

/** Open to everyone. A caller who already gets in (personal mode, or signed in) goes straight to the app. */
export default async function SignInPage() {
  const result = await identifyRequest({ headers: await headers() });
  if (result.ok) redirect('/');
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center gap-4 px-4">
      <h1 className="text-xl font-semibold">Sign in to Quorum</h1>
      <p className="text-sm text-neutral-600 dark:text-neutral-400">
        This Quorum server is shared. Paste the access key its operator gave you (it starts with <code>qk_</code>). It is
        checked once; your browser keeps only a session.
      </p>
      <SignInForm />
    </main>
  );
}
