import type { AggregateEntry } from '@/lib/council/events';

/** The aggregate ranking: average position per answer (lower is better) and how many judges placed it. */
export function AggregateTable({ entries, caption }: { entries: AggregateEntry[]; caption: string }) {
  return (
    <table data-testid="aggregate-table" className="w-full border-collapse text-sm">
      <caption className="mb-1 text-left font-medium">{caption}</caption>
      <thead>
        <tr className="border-b border-neutral-200 text-left dark:border-neutral-800">
          <th scope="col" className="py-1 pr-2">#</th>
          <th scope="col" className="py-1 pr-2">Model</th>
          <th scope="col" className="py-1 pr-2 text-right">Average rank</th>
          <th scope="col" className="py-1 text-right">Votes</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry, i) => (
          <tr key={entry.model} className="border-b border-neutral-100 dark:border-neutral-900">
            <td className="py-1 pr-2">{i + 1}</td>
            <th scope="row" className="py-1 pr-2 text-left font-normal break-all">{entry.model}</th>
            <td className="py-1 pr-2 text-right tabular-nums">{entry.averageRank === null ? '–' : entry.averageRank.toFixed(2)}</td>
            <td className="py-1 text-right tabular-nums">{entry.votes}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
