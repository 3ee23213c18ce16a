// The solver and LP writer the bench measures: the app's optimizer (solvePlan + exactLp, what
// `fleetplan optimize` / `export-lp` run today) or, when present, the DESIGN v2 engine in
// core/optimizer/v2 (solvePlanV2 + exactLpV2). Loaded by path so the bench keeps working whichever
// of them a checkout has.
import type { Highs } from 'highs';
import { exactLp } from '../core/optimizer/lp-writer.ts';
import { solvePlan } from '../core/optimizer/solve.ts';
import { exactLpV2 } from '../core/optimizer/v2/lp.ts';
import { usesPhasedEngine } from '../core/sizing.ts';
import type { PlanInput, PlanResult } from '../core/types.ts';

export type LpModel = { numCols: number; colName: string[]; colCost: number[]; rows: readonly unknown[] };
export type Engine = {
  name: 'app' | 'v2';
  solve: (highs: Highs, input: PlanInput, opts: { timeLimitS: number; relGap?: number }) => PlanResult;
  exactLp: (input: PlanInput, scenario: string) => { text: string; model: LpModel };
};

export const APP_ENGINE: Engine = {
  name: 'app',
  solve: (highs, input, o) => solvePlan(highs, input, { timeLimitS: o.timeLimitS, explain: false, ...(o.relGap != null ? { relGap: o.relGap } : {}) }),
  // the LP `fleetplan export-lp` writes: the v2 model whenever the solve goes through the v2 engine
  exactLp: (input, scenario) => (usesPhasedEngine(input) ? exactLpV2(input, scenario) : exactLp(input, scenario)),
};

type V2Solve = { solvePlanV2: (h: Highs, i: PlanInput, o: Record<string, unknown>) => PlanResult };
type V2Lp = { exactLpV2: (i: PlanInput, s: string) => { text: string; model: LpModel } };

/** The v2 engine, or null when this checkout has none (a variable path: tsc need not resolve it). */
export async function loadV2Engine(): Promise<Engine | null> {
  const solvePath = '../core/optimizer/v2/solve.ts';
  const lpPath = '../core/optimizer/v2/lp.ts';
  try {
    const s = (await import(solvePath)) as V2Solve;
    const l = (await import(lpPath)) as V2Lp;
    if (typeof s.solvePlanV2 !== 'function' || typeof l.exactLpV2 !== 'function') return null;
    return {
      name: 'v2',
      solve: (highs, input, o) => s.solvePlanV2(highs, input, { timeLimitS: o.timeLimitS, explain: false, ...(o.relGap != null ? { relGap: o.relGap } : {}) }),
      exactLp: l.exactLpV2,
    };
  } catch {
    return null;
  }
}

/** 'auto': the v2 engine when present (DESIGN v2 is the contract), else the app's. */
export async function pickEngine(which: 'auto' | 'app' | 'v2' = 'auto'): Promise<Engine> {
  if (which === 'app') return APP_ENGINE;
  const v2 = await loadV2Engine();
  if (v2) return v2;
  if (which === 'v2') throw new Error('this checkout has no v2 engine (core/optimizer/v2)');
  return APP_ENGINE;
}
