/**
 * Anonymous labels for stage 2: each judge sees the answers under its own shuffled labels so that
 * position bias cancels out across judges and no judge learns which model wrote what.
 */
import type { Random } from './random';

/** 0 → 'A', 25 → 'Z', 26 → 'AA', 27 → 'AB', … (spreadsheet column names). */
export function labelAt(index: number): string {
  let label = '';
  let n = index + 1;
  while (n > 0) {
    const rest = (n - 1) % 26;
    label = String.fromCharCode(65 + rest) + label;
    n = Math.floor((n - 1) / 26);
  }
  return label;
}

/**
 * Returns label → model for one judge: 'A', 'B', 'C', … given in order to a seeded shuffle of
 * `models`. Keys are inserted in label order, so `Object.keys` lists A, B, C, ….
 */
export function assignLabels(models: string[], random: Random): Record<string, string> {
  const shuffled = [...models];
  // Fisher–Yates: every permutation is equally likely for a uniform `random`.
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const labels: Record<string, string> = {};
  shuffled.forEach((model, index) => {
    labels[labelAt(index)] = model;
  });
  return labels;
}
