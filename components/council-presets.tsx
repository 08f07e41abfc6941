'use client';
import { useState } from 'react';
import { MAX_PRESET_NAME, type CouncilPreset } from '@/lib/client/presets';

/** Saved councils: pick one to load it, save the current pick under a name, or delete one. Kept in this browser. */
export function CouncilPresets({
  presets,
  canSave,
  onUse,
  onSave,
  onDelete,
  keptBy,
}: {
  presets: CouncilPreset[];
  canSave: boolean;
  onUse: (preset: CouncilPreset) => void;
  onSave: (name: string) => Promise<boolean>;
  onDelete: (name: string) => Promise<void>;
  keptBy: 'key' | 'browser';
}) {
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState('');
  const [note, setNote] = useState('');
  const save = async () => {
    const trimmed = name.trim();
    if (!trimmed || !canSave) return;
    const kept = await onSave(trimmed);
    setChosen(trimmed);
    setName('');
    const where = keptBy === 'key' ? 'with your key' : 'in this browser';
    setNote(kept ? `Saved “${trimmed}” ${where}.` : `“${trimmed}” could not be kept ${where}; it lasts until the page reloads.`);
  };
  return (
    <div className="flex flex-wrap items-end gap-2" data-testid="council-presets">
      <div className="space-y-1">
        <label htmlFor="preset-select" className="block text-xs font-medium text-neutral-700 dark:text-neutral-300">Preset</label>
        <select
          id="preset-select"
          value={chosen}
          onChange={(e) => {
            setChosen(e.target.value);
            const preset = presets.find((p) => p.name === e.target.value);
            if (preset) onUse(preset);
          }}
          className="min-h-11 rounded-lg border border-neutral-300 bg-white px-2 text-sm dark:border-neutral-700 dark:bg-neutral-900"
        >
          <option value="">{presets.length > 0 ? 'Choose a preset…' : 'No presets yet'}</option>
          {presets.map((p) => (
            <option key={p.name} value={p.name}>{p.name}</option>
          ))}
        </select>
      </div>
      {chosen && presets.some((p) => p.name === chosen) && (
        <button
          type="button"
          onClick={() => {
            void onDelete(chosen);
            setNote(`Deleted “${chosen}”.`);
            setChosen('');
          }}
          className="min-h-11 rounded-lg border border-neutral-300 px-3 text-sm hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-neutral-700 dark:hover:bg-neutral-800"
        >
          Delete preset
        </button>
      )}
      <div className="space-y-1">
        <label htmlFor="preset-name" className="block text-xs font-medium text-neutral-700 dark:text-neutral-300">Save as</label>
        <input
          id="preset-name"
          type="text"
          value={name}
          maxLength={MAX_PRESET_NAME}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void save();
            }
          }}
          placeholder="Preset name"
          className="min-h-11 w-40 rounded-lg border border-neutral-300 bg-white px-2 text-base sm:text-sm dark:border-neutral-700 dark:bg-neutral-900"
        />
      </div>
      <button
        type="button"
        onClick={() => void save()}
        disabled={!canSave || !name.trim()}
        className="min-h-11 rounded-lg bg-neutral-800 px-3 text-sm font-medium text-white hover:bg-neutral-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50 dark:bg-neutral-200 dark:text-neutral-900"
      >
        Save preset
      </button>
      <p role="status" className="w-full text-xs text-neutral-600 dark:text-neutral-400">{note}</p>
    </div>
  );
}
