'use client';
/** The "Custom" council's state: the models the caller may use, the pick being built, and the saved presets. */
import { useCallback, useEffect, useState } from 'react';
import type { CouncilPick } from './council-pick';
import { fetchModels, type ModelsResponse } from './models';
import { loadPresets, storePresets, withPreset, type CouncilPreset } from './presets';

export interface CustomCouncil {
  /** Null until loaded (loading starts the first time Custom is opened). */
  models: ModelsResponse | null;
  modelsError: string | null;
  pick: CouncilPick;
  setPick(pick: CouncilPick): void;
  presets: CouncilPreset[];
  /** Saves the pick under `name` with the tier whose policy it runs on; false when the browser would not keep it. */
  savePreset(name: string, tier: string): boolean;
  deletePreset(name: string): void;
}

const EMPTY_PICK: CouncilPick = { members: [], chairman: '', mode: 'full' };

export function useCustomCouncil(enabled: boolean): CustomCouncil {
  const [models, setModels] = useState<ModelsResponse | null>(null);
  const [modelsError, setModelsError] = useState<string | null>(null);
  const [pick, setPick] = useState<CouncilPick>(EMPTY_PICK);
  const [presets, setPresets] = useState<CouncilPreset[]>([]);

  // localStorage exists only in the browser: read it after mount, not during the server render.
  useEffect(() => setPresets(loadPresets()), []);

  useEffect(() => {
    if (!enabled || models) return;
    const controller = new AbortController();
    fetchModels({ signal: controller.signal })
      .then((response) => {
        setModels(response);
        setModelsError(null);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setModelsError(error instanceof Error ? error.message : String(error));
      });
    return () => controller.abort();
  }, [enabled, models]);

  const savePreset = useCallback(
    (name: string, tier: string) => {
      const next = withPreset(presets, { name, tier, ...pick, members: [...pick.members] });
      setPresets(next);
      return storePresets(next);
    },
    [pick, presets],
  );
  const deletePreset = useCallback(
    (name: string) => {
      const next = presets.filter((p) => p.name !== name);
      setPresets(next);
      storePresets(next);
    },
    [presets],
  );

  return { models, modelsError, pick, setPick, presets, savePreset, deletePreset };
}
