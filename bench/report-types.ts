/** One line of the results table. `status` is empty for figures that have no target of their own. */
export interface Row {
  figure: string;
  metric: string;
  value: string;
  target: string;
  status: "PASS" | "MISS" | "n/a" | "";
}

export interface FigureResult {
  title: string;
  rows: Row[];
  /** What the numbers mean or how they were taken; printed under the table. */
  notes: string[];
}

export const verdict = (ok: boolean): Row["status"] => (ok ? "PASS" : "MISS");

export const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");

/** "median (min-max)". */
export const spread = (s: { median: number; min: number; max: number }, digits = 1, unit = "") =>
  `${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}-${fmt(s.max, digits)})`;
