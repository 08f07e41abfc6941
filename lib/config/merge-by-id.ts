/** An entry with where it came from, so that errors name the field the user wrote. */
export interface Sourced<T> {
  value: T;
  /** e.g. `tiers[1]` for the file's second tier, `(built-in tier "speed")` for a default. */
  path: string;
  fromFile: boolean;
}

/** Built-ins first; a file entry with a built-in's id replaces it in place, others are appended. */
export function mergeById<T extends { id: string }>(
  builtIns: readonly T[],
  fromFile: readonly T[] | undefined,
  section: string,
  noun: string,
): Sourced<T>[] {
  const merged: Sourced<T>[] = builtIns.map((value) => ({
    value,
    path: `(built-in ${noun} "${value.id}")`,
    fromFile: false,
  }));
  (fromFile ?? []).forEach((value, index) => {
    const entry = { value, path: `${section}[${index}]`, fromFile: true };
    const at = merged.findIndex((existing) => existing.value.id === value.id);
    if (at >= 0) merged[at] = entry;
    else merged.push(entry);
  });
  return merged;
}
