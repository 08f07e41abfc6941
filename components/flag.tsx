const TONES = {
  good: 'bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-200',
  bad: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
  warn: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200',
  neutral: 'bg-neutral-200 text-neutral-700 dark:bg-neutral-800 dark:text-neutral-300',
};

/** A small coloured pill with a word or two. */
export function Flag({ tone, children }: { tone: keyof typeof TONES; children: string }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>{children}</span>;
}
