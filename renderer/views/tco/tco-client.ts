// Runs the TCO view's jobs (the report, the baselines, the sensitivity tornado) and Compare's in
// module workers, one per job kind, each holding the plan's data so that a what-if sends only the
// assumptions. One job of a kind runs at a time and only the newest waits behind it: a request
// that a newer one overtakes resolves to null (its answer would describe stale assumptions).
// The plan reaches the workers as JSON bytes built in short tasks (json-slices.ts) once per plan,
// a transferred copy for each of the three: nothing walks or serialises a 1,000-workload plan in
// one task. Where no module worker can start, a job runs on the main thread in a task of its own, so
// the figures are the same either way.
import type { Assumptions } from '../../../core/tco/what-if.ts';
import { jsonBytesInSlices } from './json-slices.ts';
import {
  compareLoaded,
  loadCompare,
  runTcoJob,
  type CompareEntry,
  type CompareOutcome,
  type CompareRequest,
  type CompareResult,
  type CompareSource,
  type TcoData,
  type TcoJob,
  type TcoJobRequest,
  type TcoJobResult,
  type TcoReply,
  type TcoRequest,
} from './tco.worker.ts';

export type { CompareEntry, CompareOutcome, CompareResult, CompareSource, TcoData, TcoJob };
export type TcoJobOutcome = { ok: true; result: TcoJobResult } | { ok: false; message: string };
type Kind = TcoJob | 'compare';
type Pending = {
  req: TcoJobRequest | CompareRequest;
  data: TcoData | null;
  resolve: (r: TcoJobOutcome | null) => void;
  onProgress: (done: number, total: number) => void;
};
type Runner = { worker: Worker | null; loaded: number | null; running: Pending | null; next: Pending | null };

let broken = false;
let seq = 0;
const runners: Record<Kind, Runner> = {
  compare: { worker: null, loaded: null, running: null, next: null },
  report: { worker: null, loaded: null, running: null, next: null },
  baselines: { worker: null, loaded: null, running: null, next: null },
  sensitivity: { worker: null, loaded: null, running: null, next: null },
};

function start(job: Kind): Worker | null {
  const r = runners[job];
  if (r.worker || broken) return r.worker;
  try {
    const w = new Worker(new URL('./tco.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<TcoReply>) => {
      const p = r.running;
      const msg = e.data;
      if (!p || p.req.seq !== msg.seq) return;
      if (msg.kind === 'progress') return p.onProgress(msg.done, msg.total);
      finish(job, p, msg.kind === 'result' ? { ok: true, result: msg.result } : { ok: false, message: msg.message });
    };
    w.onerror = () => {
      // a worker that cannot load: stop using workers; what was running runs here instead
      broken = true;
      for (const k of Object.keys(runners) as Kind[]) {
        const x = runners[k];
        x.worker?.terminate();
        x.worker = null;
        x.loaded = null;
        if (x.running) {
          x.next ??= x.running;
          x.running = null;
          pump(k);
        }
      }
    };
    r.worker = w;
    r.loaded = null;
  } catch {
    broken = true;
  }
  return r.worker;
}

function finish(job: Kind, p: Pending, outcome: TcoJobOutcome): void {
  const r = runners[job];
  if (r.running !== p) return;
  r.running = null;
  // a newer request waits: this answer describes assumptions no longer shown
  p.resolve(r.next ? null : outcome);
  pump(job);
}

function pump(job: Kind): void {
  const r = runners[job];
  const p = r.next;
  if (!p || r.running) return;
  r.next = null;
  r.running = p;
  // a task of its own: the fallback's computation is costly, and the caller may be starting the
  // other kinds in the same turn
  setTimeout(() => void send(job, p), 0);
}

async function send(job: Kind, p: Pending): Promise<void> {
  const r = runners[job];
  if (r.running !== p) return;
  const w = start(job);
  if (!w) {
    let outcome: TcoJobOutcome;
    try {
      const req = p.req;
      outcome = { ok: true, result: req.kind === 'compare' ? compareLoaded(await loadCompare(req.names, req.source)) : runTcoJob(req, p.data!, p.onProgress) };
    } catch (err) {
      outcome = { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    finish(job, p, outcome);
    return;
  }
  try {
    if (p.data && r.loaded !== p.data.key) {
      const key = p.data.key;
      const all = await bytesOf(p.data);
      // the workers waiting for the same bytes each take theirs in a task of their own, not all
      // in the one that finished them
      await new Promise((resolve) => setTimeout(resolve, 0));
      // overtaken meanwhile, or the worker failed and the job went elsewhere
      if (r.running !== p || r.worker !== w) return;
      // a copy of its own (a memcpy), transferred: nothing is serialised on this thread
      const bytes = all.slice().buffer;
      w.postMessage({ kind: 'data', key, bytes } satisfies TcoRequest, [bytes]);
      r.loaded = key;
    }
    w.postMessage(p.req satisfies TcoRequest);
  } catch (err) {
    r.loaded = null;
    finish(job, p, { ok: false, message: err instanceof Error ? err.message : String(err) });
  }
}

// the JSON of the newest plan as UTF-8 bytes, built once for the three TCO workers
let json: { key: number; bytes: Promise<Uint8Array> } | null = null;
function bytesOf(data: TcoData): Promise<Uint8Array> {
  if (json?.key !== data.key) json = { key: data.key, bytes: jsonBytesInSlices({ input: data.input, plan: data.plan }) };
  return json.bytes;
}

/**
 * Computes `job` for the plan and input of `data` at `assumptions` (plain data, never $state
 * proxies: a worker cannot copy those). Resolves to null when a newer request of the same job
 * overtook this one.
 */
export function requestTcoJob(job: TcoJob, data: TcoData, assumptions: Assumptions, pct: number, onProgress: (done: number, total: number) => void = () => {}): Promise<TcoJobOutcome | null> {
  return request(job, { req: { kind: 'job', seq: ++seq, key: data.key, job, assumptions, pct }, data, onProgress });
}

/**
 * Reads the named scenarios from `source` and compares them in a worker (the plans never come to
 * the main thread); null when a newer comparison overtook this one.
 */
export async function requestCompare(names: string[], source: CompareSource): Promise<{ ok: true; result: CompareOutcome } | { ok: false; message: string } | null> {
  const out = await request('compare', { req: { kind: 'compare', seq: ++seq, names, source }, data: null, onProgress: () => {} });
  if (!out || !out.ok) return out;
  return 'entries' in out.result ? { ok: true, result: out.result } : { ok: false, message: 'no comparison came back' };
}

function request(kind: Kind, p: Omit<Pending, 'resolve'>): Promise<TcoJobOutcome | null> {
  const r = runners[kind];
  return new Promise((resolve) => {
    r.next?.resolve(null);
    r.next = { ...p, resolve };
    pump(kind);
  });
}
