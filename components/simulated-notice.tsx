/** Said plainly: without a key the answers come from the built-in simulator, and how to change that. */
export function SimulatedNotice() {
  return (
    <p role="note" data-testid="simulated-notice" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
      <strong>Simulated answers.</strong> No API key is set, so the council runs on the built-in simulator. To ask real
      models, set <code>OPENROUTER_API_KEY</code> and restart (see the README).
    </p>
  );
}
