// The solver and LP writer the benches measure: the app's one optimizer (core/optimizer/v2:
// solvePlanV2, what `fleetplan optimize` runs, and exactLpV2, what `export-lp` writes).
import type { Highs } from 'highs';
import { exactLpV2 } from '../core/optimizer/v2/lp.ts';
import { solvePlanV2 } from '../core/optimizer/v2/solve.ts';
import type { PlanInput, PlanResult } from '../core/types.ts';

export type LpModel = { numCols: number; colName: string[]; colCost: number[]; rows: readonly unknown[] };
export type Engine = {
  name: 'app' | 'v2';
  solve: (highs: Highs, input: PlanInput, opts: { timeLimitS: number; relGap?: number }) => PlanResult;
  exactLp: (input: PlanInput, scenario: string) => { text: string; model: LpModel };
};

export const APP_ENGINE: Engine = {
  name: 'v2',
  solve: (highs, input, o) => solvePlanV2(highs, input, { timeLimitS: o.timeLimitS, explain: false, ...(o.relGap != null ? { relGap: o.relGap } : {}) }),
  exactLp: exactLpV2,
};

/** There is one engine: every choice gives it. */
export async function pickEngine(which: 'auto' | 'app' | 'v2' = 'auto'): Promise<Engine> {
  void which;
  return APP_ENGINE;
}
