'use client';
/** The "Custom" council's state: the models the caller may use, the pick being built, and the saved presets. */
import { useCallback, useEffect, useState } from 'react';
import type { CouncilPick } from './council-pick';
import { fetchModels, type ModelsResponse } from './models';
import { browserPresets, openPresetSource, type PresetSource } from './preset-source';
import type { CouncilPreset } from './presets';

export interface CustomCouncil {
  /** Null until loaded (loading starts the first time Custom is opened). */
  models: ModelsResponse | null;
  modelsError: string | null;
  pick: CouncilPick;
  setPick(pick: CouncilPick): void;
  presets: CouncilPreset[];
  /** Where they are kept: with the key (shared mode) or in this browser. */
  presetsKeptBy: PresetSource['kind'];
  /** Saves the pick under `name` with the tier whose policy it runs on; false when it could not be kept. */
  savePreset(name: string, tier: string): Promise<boolean>;
  deletePreset(name: string): Promise<void>;
}

const EMPTY_PICK: CouncilPick = { members: [], chairman: '', mode: 'full' };

export function useCustomCouncil(enabled: boolean): CustomCouncil {
  const [models, setModels] = useState<ModelsResponse | null>(null);
  const [modelsError, setModelsError] = useState<string | null>(null);
  const [pick, setPick] = useState<CouncilPick>(EMPTY_PICK);
  const [presets, setPresets] = useState<CouncilPreset[]>([]);
  const [source, setSource] = useState<PresetSource>(browserPresets);

  // After mount, not during the server render: localStorage exists only in the browser.
  useEffect(() => {
    const controller = new AbortController();
    openPresetSource({ signal: controller.signal })
      .then((opened) => {
        setSource(opened.source);
        setPresets(opened.presets);
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, []);

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
    async (name: string, tier: string) => {
      const saved = await source.save(presets, { name, tier, ...pick, members: [...pick.members] }).catch(() => ({ presets, kept: false }));
      setPresets(saved.presets);
      return saved.kept;
    },
    [pick, presets, source],
  );
  const deletePreset = useCallback(
    async (name: string) => {
      setPresets(await source.remove(presets, name).catch(() => presets));
    },
    [presets, source],
  );

  return { models, modelsError, pick, setPick, presets, presetsKeptBy: source.kind, savePreset, deletePreset };
}
