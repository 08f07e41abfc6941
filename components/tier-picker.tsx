'use client';
import type { TierInfo } from '@/lib/client/tiers';

/**
 * Chooses the council: a radio group of tiers, then what the chosen one trades and who sits on it. A tier the
 * server cannot run (no key for its provider) is shown disabled, with the reason.
 */
export function TierPicker({
  tiers,
  value,
  onChange,
  disabled,
  custom,
  onCustom,
}: {
  tiers: TierInfo[];
  value: string;
  onChange: (id: string) => void;
  disabled?: boolean;
  /** True when "Custom" is chosen: the council is picked by hand (the tier still gives its rules). */
  custom?: boolean;
  onCustom?: () => void;
}) {
  const selected = custom ? undefined : tiers.find((t) => t.id === value);
  const unavailableTiers = tiers.filter((t) => t.available === false);
  return (
    <fieldset disabled={disabled} className="space-y-1">
      <legend className="sr-only">Council tier</legend>
      <div className="inline-flex flex-wrap rounded-lg border border-neutral-300 p-0.5 dark:border-neutral-700">
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
                checked={!custom && tier.id === value}
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
        {onCustom && (
          <label
            title="Pick the members, the chairman and how far the council goes."
            className="cursor-pointer rounded-md px-3 py-1 text-sm font-medium has-checked:bg-blue-600 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-blue-600"
          >
            <input type="radio" name="tier" value="custom" checked={custom === true} onChange={onCustom} className="sr-only" />
            Custom
          </label>
        )}
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
