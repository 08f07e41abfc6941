const DOT: Record<string, string> = {
  waiting: 'bg-neutral-400',
  streaming: 'bg-blue-500 animate-pulse',
  retrying: 'bg-amber-500',
  done: 'bg-green-600',
  failed: 'bg-red-600',
  cut: 'bg-orange-500',
};

/** A small coloured dot for a member's status, for tab labels. */
export function StatusDot({ status }: { status: string }) {
  return <span aria-label={status} role="img" className={`inline-block size-2 rounded-full ${DOT[status] ?? DOT.waiting}`} />;
}
