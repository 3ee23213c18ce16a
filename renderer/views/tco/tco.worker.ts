// Computes the TCO view's slow parts off the main thread: both baselines and the sensitivity
// tornado (core/tco, the same functions the CLI and the PDF use). Messages carry a sequence
// number: { seq, job, input, plan, pct } in; { seq, progress } while the tornado runs, then
// { seq, result } or { seq, error } (a plan that cannot be costed comes back as a message).
import { baselineComparisons, type BaselineComparison } from '../../../core/tco/baselines.ts';
import { sensitivity, type SensitivityResult } from '../../../core/tco/sensitivity.ts';
import type { PlanInput, PlanResult } from '../../../core/types.ts';

export type TcoJob = 'baselines' | 'sensitivity';
export type TcoRequest = { seq: number; job: TcoJob; input: PlanInput; plan: PlanResult; pct: number };
export type TcoJobResult = { baselines: BaselineComparison[] } | { sensitivity: SensitivityResult };
export type TcoReply =
  | { seq: number; kind: 'progress'; done: number; total: number }
  | { seq: number; kind: 'result'; result: TcoJobResult }
  | { seq: number; kind: 'error'; message: string };

/** One job, as the worker runs it (also the main-thread fallback where no worker can start). */
export function runTcoJob(req: TcoRequest, onProgress: (done: number, total: number) => void): TcoJobResult {
  if (req.job === 'baselines') return { baselines: baselineComparisons(req.input, req.plan) };
  return { sensitivity: sensitivity(req.input, req.plan, { pct: req.pct, onProgress }) };
}

// the worker's global scope (the renderer's tsconfig types `self` as a window); absent in tests
const scope = (typeof self === 'undefined' ? null : self) as unknown as {
  onmessage: ((e: MessageEvent<TcoRequest>) => void) | null;
  postMessage: (m: TcoReply) => void;
} | null;

if (scope && typeof window === 'undefined') {
  scope.onmessage = (e) => {
    const req = e.data;
    try {
      const result = runTcoJob(req, (done, total) => scope.postMessage({ seq: req.seq, kind: 'progress', done, total }));
      scope.postMessage({ seq: req.seq, kind: 'result', result });
    } catch (err) {
      scope.postMessage({ seq: req.seq, kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };
}
