import { formatMs } from '@/lib/client/format';
import { percentOf, type WaterfallBar as Bar } from '@/lib/client/waterfall';

const END_COLOR: Record<string, string> = {
  done: 'bg-green-600',
  streaming: 'bg-blue-500',
  waiting: 'bg-blue-300',
  retrying: 'bg-amber-500',
  failed: 'bg-red-600',
  cut: 'bg-orange-500',
};

/**
 * One member's call in one stage: queued for a slot or the rate limiter (pale amber, when it waited), waiting for
 * the first token (light), then streaming (solid) until the end.
 */
export function WaterfallBar({ bar, spanMs }: { bar: Bar; spanMs: number }) {
  const left = percentOf(bar.startMs, spanMs);
  const width = Math.max(0.5, percentOf(bar.endMs, spanMs) - left);
  const lengthMs = bar.endMs - bar.startMs || 1;
  const firstToken = bar.firstTokenMs === null ? null : percentOf(bar.firstTokenMs - bar.startMs, lengthMs);
  const queued = bar.queuedMs > 0 ? Math.min(firstToken ?? 100, percentOf(bar.queuedMs, lengthMs)) : 0;
  const description =
    `${bar.model}, stage ${bar.stage}: start ${formatMs(bar.startMs)}, ` +
    (bar.queuedMs > 0 ? `queued ${formatMs(bar.queuedMs)}, ` : '') +
    `first token ${formatMs(bar.firstTokenMs)}, ` +
    `${bar.inProgress ? 'still running' : `end ${formatMs(bar.endMs)}`}` +
    (bar.retriesAtMs.length > 0 ? `, ${bar.retriesAtMs.length} retr${bar.retriesAtMs.length === 1 ? 'y' : 'ies'}` : '') +
    (bar.cut ? ', cut as a straggler' : bar.failureReason ? `, failed: ${bar.failureReason}` : '');
  return (
    <li className="grid grid-cols-[7rem_1fr] items-center gap-2 text-xs sm:grid-cols-[10rem_1fr]" data-testid="timing-bar" data-stage={bar.stage} data-model={bar.model}>
      <span className="truncate" title={bar.model}>{bar.model}</span>
      <div className="relative h-4" role="img" aria-label={description} title={description}>
        <div className="absolute inset-y-0.5 flex overflow-hidden rounded-sm" style={{ left: `${left}%`, width: `${width}%` }}>
          {queued > 0 && (
            <div
              data-testid="queued-segment"
              className="h-full bg-amber-200 dark:bg-amber-800"
              style={{ width: `${queued}%` }}
            />
          )}
          <div className="h-full bg-neutral-300 dark:bg-neutral-700" style={{ width: `${(firstToken ?? 100) - queued}%` }} />
          {firstToken !== null && <div className={`h-full flex-1 ${END_COLOR[bar.status] ?? 'bg-blue-500'}`} />}
        </div>
        {bar.retriesAtMs.map((t, i) => (
          <span key={i} data-testid="retry-mark" className="absolute inset-y-0 w-0.5 bg-amber-500" style={{ left: `${percentOf(t, spanMs)}%` }} />
        ))}
        {(bar.cut || bar.failureReason) && (
          <span
            data-testid={bar.cut ? 'cut-mark' : 'failure-mark'}
            className={`absolute inset-y-0 w-1 ${bar.cut ? 'bg-orange-600' : 'bg-red-600'}`}
            style={{ left: `calc(${percentOf(bar.endMs, spanMs)}% - 2px)` }}
          />
        )}
      </div>
    </li>
  );
}
