'use client';
import type { TierInfo } from '@/lib/client/tiers';

/**
 * Chooses the council: a radio group of tiers, then what the chosen one trades and who sits on it. A tier the
 * server cannot run (no key for its provider) is shown disabled, with the reason.
 */
export function TierPicker({ tiers, value, onChange, disabled }: { tiers: TierInfo[]; value: string; onChange: (id: string) => void; disabled?: boolean }) {
  const selected = tiers.find((t) => t.id === value);
  const unavailableTiers = tiers.filter((t) => t.available === false);
  return (
    <fieldset disabled={disabled} className="space-y-1">
      <legend className="sr-only">Council tier</legend>
      <div className="inline-flex rounded-lg border border-neutral-300 p-0.5 dark:border-neutral-700">
        {tiers.map((tier) => {
          const unavailable = tier.available === false;
          return (
            <label
              key={tier.id}
              title={unavailable ? `Unavailable: ${tier.unavailableReason ?? 'a key is missing on the server.'}` : `${tier.description} Council: ${tier.members.join(', ')}.`}
              className={`rounded-md px-3 py-1 text-sm font-medium has-checked:bg-blue-600 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-blue-600 ${unavailable ? 'cursor-not-allowed text-neutral-400 line-through dark:text-neutral-600' : 'cursor-pointer'}`}
            >
              <input
                type="radio"
                name="tier"
                value={tier.id}
                checked={tier.id === value}
                disabled={unavailable}
                onChange={() => onChange(tier.id)}
                className="sr-only"
                aria-describedby={tier.id === value ? 'tier-details' : unavailable ? `tier-unavailable-${tier.id}` : undefined}
              />
              {tier.label}
              {unavailable && (
                <span id={`tier-unavailable-${tier.id}`} className="sr-only">
                  {` (unavailable: ${tier.unavailableReason ?? 'a key is missing on the server.'})`}
                </span>
              )}
            </label>
          );
        })}
      </div>
      {selected && (
        <div id="tier-details" className="text-xs text-neutral-600 dark:text-neutral-400">
          <p>{selected.description}</p>
          <p data-testid="tier-members">
            Council: {selected.members.join(', ')} · chairman {selected.chairman}
          </p>
        </div>
      )}
      {unavailableTiers.length > 0 && (
        <p data-testid="tiers-unavailable" className="text-xs text-amber-700 dark:text-amber-300">
          Unavailable: {unavailableTiers.map((tier) => `${tier.label} (${tier.unavailableReason ?? 'a key is missing on the server.'})`).join('; ')}
        </p>
      )}
    </fieldset>
  );
}
