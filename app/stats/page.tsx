import type { Metadata } from 'next';
import { StatsView } from '@/components/stats/stats-view';

export const metadata: Metadata = { title: 'Stats · Quorum' };

export default function StatsPage() {
  return <StatsView />;
}
