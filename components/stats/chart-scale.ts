/** Layout numbers shared by the stats charts: one row per item, a label column, a plot, a value column. */
export const ROW = 28;
export const LABEL_WIDTH = 150;
export const PLOT_WIDTH = 360;
export const VALUE_WIDTH = 90;
export const TOP = 24;
export const CHART_WIDTH = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;

/** x of a value on a linear scale from 0 to `max` across the plot. */
export function xOf(value: number, max: number): number {
  return LABEL_WIDTH + (max <= 0 ? 0 : (Math.min(Math.max(value, 0), max) / max) * PLOT_WIDTH);
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(0)}%`;
}

/** Long model ids would run into the plot: the full id stays in the row's <title> and the table. */
export function shortLabel(id: string, max = 22): string {
  return id.length <= max ? id : `${id.slice(0, max - 1)}…`;
}
