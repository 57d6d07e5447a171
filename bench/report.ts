/**
 * How `npm run bench` prints a figure: its value in each round as
 * min / median / max, beside its goal and whether the median meets it.
 * Every figure is also kept for the summary at the end.
 */

export interface Goal {
  /** As the issue states it, e.g. "≥ 0.70×" or "< 50 ms". */
  text: string;
  met(median: number): boolean;
}

export interface Figure {
  section: string;
  name: string;
  values: number[];
  unit: string;
  digits: number;
  goal?: Goal;
}

const figures: Figure[] = [];

export const atLeast = (n: number, unit = ''): Goal => ({ text: `≥ ${n}${unit}`, met: (m) => m >= n });
export const atMost = (n: number, unit = ''): Goal => ({ text: `≤ ${n}${unit}`, met: (m) => m <= n });
export const under = (n: number, unit = ''): Goal => ({ text: `< ${n}${unit}`, met: (m) => m < n });

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function spread(f: Figure): string {
  if (f.values.length === 1) return `${fmt(f.values[0], f.digits)} ${f.unit}`.trim();
  const sorted = [...f.values].sort((a, b) => a - b);
  return `${fmt(sorted[0], f.digits)} / ${fmt(median(sorted), f.digits)} / ${fmt(sorted[sorted.length - 1], f.digits)} ${f.unit}`.trim();
}

function verdict(f: Figure): string {
  if (!f.goal) return '';
  return `goal ${f.goal.text}: ${f.goal.met(median(f.values)) ? 'met' : 'MISSED'}`;
}

let currentSection = '';

export function section(title: string, note?: string): void {
  currentSection = title;
  console.log(`\n${title}`);
  if (note) for (const line of note.split('\n')) console.log(`  (${line})`);
}

/** Prints one figure (min / median / max over its rounds) and keeps it for the summary. */
export function figure(name: string, values: number[], unit: string, options: { digits?: number; goal?: Goal } = {}): void {
  const f: Figure = { section: currentSection, name, values, unit, digits: options.digits ?? 1, goal: options.goal };
  figures.push(f);
  console.log(`  ${name.padEnd(58)} ${spread(f).padEnd(30)} ${verdict(f)}`);
}

/** A line of context that is not a figure. */
export function note(text: string): void {
  console.log(`  ${text}`);
}

/** Every figure that has a goal, in one table. */
export function summary(): void {
  const withGoals = figures.filter((f) => f.goal);
  console.log('\nSummary: every figure with a goal (min / median / max over the rounds; the median is judged)');
  for (const f of withGoals) {
    console.log(`  ${(f.goal!.met(median(f.values)) ? 'met    ' : 'MISSED ')} ${f.name.padEnd(58)} ${spread(f).padEnd(30)} goal ${f.goal!.text}`);
  }
}
