import type { MemberStageState } from '@/lib/client/run-state';

const STYLES: Record<MemberStageState['status'], string> = {
  waiting: 'bg-neutral-200 text-neutral-700 dark:bg-neutral-800 dark:text-neutral-300',
  streaming: 'bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-200',
  retrying: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200',
  done: 'bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-200',
  failed: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
  cut: 'bg-orange-100 text-orange-800 dark:bg-orange-950 dark:text-orange-200',
};

/** The words on a member's badge: its status, the failure reason, and whether it needed retries. */
export function statusText(member: MemberStageState): string {
  const retried = member.retries.length > 0 || member.attempts > 1;
  switch (member.status) {
    case 'failed':
      return `failed: ${member.failure?.reason ?? 'unknown'}`;
    case 'cut':
      return 'cut (straggler)';
    case 'retrying':
      return `retrying after ${member.retries.at(-1)?.reason ?? 'a failure'}`;
    case 'done':
      return retried ? 'done · retried' : 'done';
    default:
      return retried ? `${member.status} · retried` : member.status;
  }
}

export function StatusBadge({ member }: { member: MemberStageState }) {
  return (
    <span
      data-testid="status-badge"
      data-status={member.status}
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STYLES[member.status]}`}
    >
      {statusText(member)}
    </span>
  );
}
