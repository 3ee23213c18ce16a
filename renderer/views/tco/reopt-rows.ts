// What the "Re-optimise each case" panel shows of a run: a table row per driver, each case's words,
// and the tornado of the cases. A case solved to no plan (infeasible at +20 %, or no plan found in
// its time limit) is an answer, not a gap: its row stays in the chart with no bar on that side and
// says why in its label, as the fixed-plan tornado's "breaks the plan at +20 %" does. The chart
// left such rows out, so a total budget that +20 % hardware, +20 % growth and −20 % utilisation
// broke drew electricity as the largest driver with nothing missing (demo, total budget $2.0 M).
// A case cancelled or failed is not an answer: its row is left out and named below the
// chart. Marks on a label: ◷ a figure not proven within 1 %, ⚠ a case serving another number of
// workloads than the base (the table says both in words).
import type { SensitivityReoptCase, SensitivityReoptProgress } from '../../../core/api.ts';
import { formatMoney, formatRatioPct } from '../../../core/format.ts';
import { DRIVER_LABELS, caseLabel, provenWithin1Pct, reoptServiceNote, type Driver } from '../../../core/tco/sensitivity.ts';
import { sensitivityBaseText } from '../../../core/tco/csv.ts';
import type { TornadoData } from '../../lib/charts.ts';

export type ReoptRow = { driver: string; label: string; low: SensitivityReoptCase | undefined; high: SensitivityReoptCase | undefined };

export function reoptRows(run: SensitivityReoptProgress | null): ReoptRow[] {
  if (!run) return [];
  const drivers = [...new Set(run.cases.filter((c) => c.direction !== 'base').map((c) => c.driver))];
  return drivers.map((d) => ({
    driver: d,
    label: DRIVER_LABELS[d as Driver] ?? d,
    low: run.cases.find((c) => c.driver === d && c.direction === 'low'),
    high: run.cases.find((c) => c.driver === d && c.direction === 'high'),
  }));
}

export const reoptBase = (run: SensitivityReoptProgress | null): SensitivityReoptCase | undefined => run?.cases.find((c) => c.direction === 'base');

/** the base's figure said as what it is, with the settings the run solved with (not the scenario's current ones) */
export function reoptBaseText(run: SensitivityReoptProgress | null): string {
  const base = reoptBase(run);
  const usd = base?.horizonCostUsd ?? null;
  // "net of the residual credit" only beside one; "net of any residual credit" where the credit is not known
  return run?.settings && usd != null ? sensitivityBaseText(usd, { ...run.settings, residual_credit_usd: base?.residualCreditUsd ?? null }) : `base ${formatMoney(usd)}`;
}

/** the value a case moved its driver to: "−20%", or a trend case's yearly rate "−18%/yr" */
export function reoptSide(c: SensitivityReoptCase, pct: number): string {
  return caseLabel(c.driver, c.direction === 'high' ? 'high' : 'low', pct, c.ratePct);
}

/**
 * The words after "not proven within 1 %": the gap rounded up at 0.1 % ("gap 1.1%"), so that it never
 * reads 1 % or less beside that claim (a gap of 1.04 % read "not proven within 1 % (gap 1%)") and the
 * optimum is within the gap shown; "no bound" when none was proven.
 */
export function reoptGapText(gap: number | null): string {
  return gap == null ? 'no bound' : `gap ${formatRatioPct(Math.ceil(gap * 1000 - 1e-9) / 1000, 1)}`;
}

/** a figure whose solve stopped short of proving it within 1 % */
export function reoptUnproven(c: SensitivityReoptCase): boolean {
  return c.state === 'done' && c.horizonCostUsd != null && !provenWithin1Pct(c.status, c.gap);
}

/**
 * A case stopped before its solve ended: its figure, if any, is the plan the cancel found, not the
 * case's answer (a cancelled +20 % electricity case was drawn as a priced bar with only ◷,
 * a cancelled case without a plan read "no plan within the time limit")
 */
const stoppedShort = (c: SensitivityReoptCase): boolean => c.state === 'cancelled' || c.state === 'failed';

/** a case's cost note against the base (another number of workloads served), null for the base */
export function reoptServiceOf(c: SensitivityReoptCase, base: SensitivityReoptCase | undefined): string | null {
  // a case or base stopped short has no answer to compare
  return c.direction === 'base' || stoppedShort(c) || !base || base.state !== 'done' ? null : reoptServiceNote(c, base);
}

/** why a finished case has no figure, in words; null while it has one or is not finished */
function noFigure(c: SensitivityReoptCase): string | null {
  if (c.state === 'queued' || c.state === 'running') return null;
  if (stoppedShort(c)) return c.state;
  if (c.horizonCostUsd != null) return null;
  if (c.status === 'infeasible') return 'infeasible';
  if (c.status === 'no_plan') return 'no plan within the time limit';
  return c.state === 'cancelled' ? 'cancelled' : 'failed';
}

/** a case solved to an answer: a figure, or no plan at all (infeasible, none found in time) */
const answered = (c: SensitivityReoptCase | undefined): c is SensitivityReoptCase => c != null && c.state === 'done' && (c.horizonCostUsd != null || c.status === 'infeasible' || c.status === 'no_plan');

/** The words of a table cell. */
export function reoptCell(c: SensitivityReoptCase | undefined): string {
  if (!c) return '—';
  if (c.state === 'queued') return 'queued';
  if (c.state === 'running') return 'solving…';
  if (c.horizonCostUsd != null && !stoppedShort(c)) return formatMoney(c.horizonCostUsd);
  return noFigure(c) ?? c.state;
}

/** " — infeasible at +20%", " — infeasible at −20% and +20%", or '' when both sides have a figure */
function noFigureNote(cases: SensitivityReoptCase[], pct: number): string {
  const byWhy = new Map<string, string[]>();
  for (const c of cases) {
    const why = noFigure(c);
    if (why) byWhy.set(why, [...(byWhy.get(why) ?? []), reoptSide(c, pct)]);
  }
  return byWhy.size ? ` — ${[...byWhy].map(([why, sides]) => `${why} at ${sides.join(' and ')}`).join(', ')}` : '';
}

/**
 * The tornado of a finished run, or null (a run still solving, a base without a figure, no row
 * answered); `left` names the drivers whose cases were cancelled or failed, not drawn.
 */
export function reoptTornado(run: SensitivityReoptProgress | null): { data: TornadoData; left: string[] } | null {
  const base = reoptBase(run);
  if (!run || run.state === 'running' || !answered(base) || base.horizonCostUsd == null) return null;
  const rows = reoptRows(run);
  const drawn = rows.filter((r) => answered(r.low) && answered(r.high));
  if (!drawn.length) return null;
  const trend = drawn.some((r) => r.low?.ratePct != null);
  return {
    data: {
      base: base.horizonCostUsd,
      pct: run.pct,
      rows: drawn.map((r) => {
        const low = r.low!, high = r.high!;
        const lo = reoptSide(low, run.pct), hi = reoptSide(high, run.pct);
        const marks = [low, high].some(reoptUnproven) ? ' ◷' : '';
        const warn = [low, high].some((c) => reoptServiceOf(c, base)) ? ' ⚠' : '';
        const why = noFigureNote([low, high], run.pct);
        return {
          label: (low.ratePct != null ? `${r.label} (${lo} / ${hi})` : r.label) + marks + warn + why,
          low: low.horizonCostUsd,
          high: high.horizonCostUsd,
          lowLabel: `${r.label} ${lo}`,
          highLabel: `${r.label} ${hi}`,
          ...(low.horizonCostUsd == null ? { lowMissing: noFigure(low)! } : {}),
          ...(high.horizonCostUsd == null ? { highMissing: noFigure(high)! } : {}),
        };
      }),
      ...(trend ? { legend: ['Low case (trends: rate on the row)', 'High case (trends: rate on the row)'] as [string, string] } : {}),
    },
    left: rows.filter((r) => !drawn.includes(r)).map((r) => r.label),
  };
}
