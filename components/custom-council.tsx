'use client';
import { MODES, pickProblem } from '@/lib/client/council-pick';
import type { TierInfo } from '@/lib/client/tiers';
import type { CustomCouncil } from '@/lib/client/use-custom-council';
import { CouncilPresets } from './council-presets';
import { ModelCombobox } from './model-combobox';

/**
 * "Custom": the members, the chairman and the mode, on top of a tier whose rules (deadlines, quorum, straggler
 * cut) apply, with named presets. One column on a phone, two from `sm` up.
 */
export function CustomCouncilPanel({
  custom,
  tiers,
  tier,
  onTierChange,
  disabled,
}: {
  custom: CustomCouncil;
  tiers: TierInfo[];
  tier: string;
  onTierChange: (id: string) => void;
  disabled?: boolean;
}) {
  const { pick, setPick, models } = custom;
  const problem = pickProblem(pick);
  if (custom.modelsError) return <p role="alert" className="text-sm text-red-700 dark:text-red-300">{custom.modelsError}</p>;
  if (!models) return <p className="text-sm text-neutral-600 dark:text-neutral-400">Loading the models…</p>;
  return (
    <fieldset
      disabled={disabled}
      data-testid="custom-council"
      className="w-full space-y-3 rounded-lg border border-neutral-300 p-3 dark:border-neutral-700"
    >
      <legend className="px-1 text-sm font-medium">Custom council</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <ModelCombobox
          label="Members"
          testId="members-picker"
          multiple
          models={models.models}
          selected={pick.members}
          onChange={(members) => setPick({ ...pick, members, chairman: pick.chairman || (members[0] ?? '') })}
        />
        <ModelCombobox
          label={pick.mode === 'full' ? 'Chairman' : 'Chairman (not used in this mode)'}
          testId="chairman-picker"
          models={models.models}
          selected={pick.chairman ? [pick.chairman] : []}
          onChange={([chairman]) => setPick({ ...pick, chairman: chairman ?? '' })}
        />
      </div>
      <div className="flex flex-wrap items-start gap-4">
        <fieldset className="space-y-1">
          <legend className="text-xs font-medium text-neutral-700 dark:text-neutral-300">Mode</legend>
          <div className="flex flex-wrap gap-x-3 gap-y-1">
            {MODES.map((mode) => (
              <label key={mode.id} title={mode.description} className="inline-flex min-h-11 items-center gap-1.5 text-sm">
                <input
                  type="radio"
                  name="council-mode"
                  value={mode.id}
                  checked={pick.mode === mode.id}
                  onChange={() => setPick({ ...pick, mode: mode.id })}
                />
                {mode.label}
              </label>
            ))}
          </div>
          <p className="text-xs text-neutral-600 dark:text-neutral-400">{MODES.find((m) => m.id === pick.mode)?.description}</p>
        </fieldset>
        <div className="space-y-1">
          <label htmlFor="custom-rules" className="block text-xs font-medium text-neutral-700 dark:text-neutral-300">Rules from tier</label>
          <select
            id="custom-rules"
            value={tier}
            onChange={(e) => onTierChange(e.target.value)}
            className="min-h-11 rounded-lg border border-neutral-300 bg-white px-2 text-sm dark:border-neutral-700 dark:bg-neutral-900"
          >
            {tiers.map((t) => (
              <option key={t.id} value={t.id}>{t.label}</option>
            ))}
          </select>
        </div>
      </div>
      <CouncilPresets
        presets={custom.presets}
        canSave={problem === null}
        onUse={(preset) => {
          setPick({ members: [...preset.members], chairman: preset.chairman, mode: preset.mode });
          if (tiers.some((t) => t.id === preset.tier)) onTierChange(preset.tier);
        }}
        onSave={(name) => custom.savePreset(name, tier)}
        onDelete={custom.deletePreset}
        keptBy={custom.presetsKeptBy}
      />
      {problem && <p data-testid="custom-problem" className="text-xs text-amber-800 dark:text-amber-200">{problem}</p>}
    </fieldset>
  );
}
