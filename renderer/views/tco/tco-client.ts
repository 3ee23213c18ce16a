// Runs the TCO view's baselines and sensitivity in module workers, one per job kind. A newer
// request of a kind supersedes the older one: a busy worker is ended (its answer would describe
// stale assumptions) and the older promise resolves to null. Where no module worker can start,
// a job runs on the main thread in a task of its own, so the figures are the same either way.
import type { PlanInput, PlanResult } from '../../../core/types.ts';
import { runTcoJob, type TcoJob, type TcoJobResult, type TcoReply, type TcoRequest } from './tco.worker.ts';

export type TcoJobOutcome = { ok: true; result: TcoJobResult } | { ok: false; message: string };
type Pending = { seq: number; resolve: (r: TcoJobOutcome | null) => void; onProgress: (done: number, total: number) => void };
type Runner = { worker: Worker | null; pending: Pending | null };

let broken = false;
let seq = 0;
const runners: Record<TcoJob, Runner> = { baselines: { worker: null, pending: null }, sensitivity: { worker: null, pending: null } };

function start(job: TcoJob): Worker | null {
  const r = runners[job];
  if (r.worker || broken) return r.worker;
  try {
    const w = new Worker(new URL('./tco.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<TcoReply>) => {
      const p = r.pending;
      const msg = e.data;
      if (!p || p.seq !== msg.seq) return;
      if (msg.kind === 'progress') return p.onProgress(msg.done, msg.total);
      r.pending = null;
      p.resolve(msg.kind === 'result' ? { ok: true, result: msg.result } : { ok: false, message: msg.message });
    };
    w.onerror = () => {
      // a worker that cannot load: stop using workers; what is waiting runs here instead
      broken = true;
      for (const k of Object.keys(runners) as TcoJob[]) {
        runners[k].worker?.terminate();
        runners[k].worker = null;
      }
      const p = r.pending;
      r.pending = null;
      if (p) p.resolve({ ok: false, message: 'the TCO worker could not start; reopen the view to compute here' });
    };
    r.worker = w;
  } catch {
    broken = true;
  }
  return r.worker;
}

/**
 * Computes `job` for `input` and `plan` (plain data: pass $state.snapshot of reactive values).
 * Resolves to null when a newer request of the same job superseded this one.
 */
export function requestTcoJob(job: TcoJob, input: PlanInput, plan: PlanResult, pct: number, onProgress: (done: number, total: number) => void = () => {}): Promise<TcoJobOutcome | null> {
  const r = runners[job];
  if (r.pending) {
    // still busy with older assumptions: end it rather than wait for an answer nobody reads
    r.pending.resolve(null);
    r.pending = null;
    r.worker?.terminate();
    r.worker = null;
  }
  const req: TcoRequest = { seq: ++seq, job, input, plan, pct };
  const w = start(job);
  return new Promise((resolve) => {
    const pending: Pending = { seq: req.seq, resolve, onProgress };
    r.pending = pending;
    if (!w) {
      setTimeout(() => {
        if (r.pending !== pending) return;
        r.pending = null;
        try {
          resolve({ ok: true, result: runTcoJob(req, onProgress) });
        } catch (err) {
          resolve({ ok: false, message: err instanceof Error ? err.message : String(err) });
        }
      }, 0);
      return;
    }
    try {
      w.postMessage(req);
    } catch (err) {
      r.pending = null;
      resolve({ ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  });
}
