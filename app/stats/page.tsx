import type { Metadata } from 'next';
import { StatsView } from '@/components/stats/stats-view';
import { requirePageIdentity } from '@/lib/access/page-identity';

export const metadata: Metadata = { title: 'Stats · Quorum' };
export const dynamic = 'force-dynamic';

/** In shared mode only a signed-in key sees it (the proxy sends others to sign in); its figures are the key's own. */
export default async function StatsPage() {
  await requirePageIdentity();
  return <StatsView />;
}
