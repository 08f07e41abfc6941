/** A polite live region: screen readers hear each stage change of the latest run. */
export function LiveAnnouncer({ message }: { message: string }) {
  return (
    <div aria-live="polite" role="status" className="sr-only" data-testid="live-region">
      {message}
    </div>
  );
}
