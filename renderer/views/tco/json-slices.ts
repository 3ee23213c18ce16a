// JSON of a large value (a 1,000-workload plan and its input) built in short tasks, as text (what
// Compare's worker receives: a string is copied, not walked, by postMessage) or as its UTF-8 bytes
// (what the TCO workers receive, transferred); either is exactly JSON.stringify(value): the same
// keys, order and omissions.

/** items of a large array stringified in one piece */
const CHUNK = 200;
/** main-thread time spent per task before yielding */
const BUDGET_MS = 8;

/** The pieces whose concatenation is JSON.stringify(value), each cheap to compute (arrays and objects split `depth` levels down). */
export function jsonPieces(value: unknown, depth = 3): (() => string)[] {
  if (depth <= 0 || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    // a top-level undefined has no JSON text; inside objects such keys are skipped below
    return [() => JSON.stringify(value) ?? 'null'];
  }
  if (Array.isArray(value)) {
    const out: (() => string)[] = [() => '['];
    for (let i = 0; i < value.length; i += CHUNK) {
      const from = i;
      if (value.length <= CHUNK || depth === 1) {
        out.push(() => (from > 0 ? ',' : '') + JSON.stringify(value.slice(from, from + CHUNK)).slice(1, -1));
      } else {
        // nested: each item split further (an item may itself be large)
        for (let k = from; k < Math.min(from + CHUNK, value.length); k++) {
          if (k > 0) out.push(() => ',');
          const item = value[k];
          // JSON writes null for an undefined, function or symbol item of an array
          out.push(...(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? [() => 'null'] : jsonPieces(item, depth - 1)));
        }
      }
    }
    out.push(() => ']');
    return out;
  }
  const out: (() => string)[] = [() => '{'];
  let first = true;
  for (const [k, v] of Object.entries(value)) {
    // JSON.stringify omits these keys
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const sep = first ? '' : ',';
    first = false;
    out.push(() => `${sep}${JSON.stringify(k)}:`);
    out.push(...jsonPieces(v, depth - 1));
  }
  out.push(() => '}');
  return out;
}

/** Each piece's result, computed in tasks of their own of about `budgetMs` each (the first after the caller's). */
function inSlices<T>(pieces: (() => T)[], budgetMs: number): Promise<T[]> {
  if (pieces.length === 0) return Promise.resolve([]);
  const parts: T[] = [];
  let i = 0;
  return new Promise((resolve, reject) => {
    const run = () => {
      try {
        const t0 = performance.now();
        // at least one piece a task, then as many as the budget allows
        do parts.push(pieces[i++]!());
        while (i < pieces.length && performance.now() - t0 < budgetMs);
        if (i < pieces.length) setTimeout(run, 0);
        else resolve(parts);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    setTimeout(run, 0);
  });
}

/** JSON.stringify(value), computed in tasks of their own of about BUDGET_MS each (the first after the caller's). */
export async function jsonInSlices(value: unknown, budgetMs = BUDGET_MS): Promise<string> {
  return (await inSlices(jsonPieces(value), budgetMs)).join('');
}

/**
 * The UTF-8 bytes of JSON.stringify(value), built the same way. Bytes cross to a worker by
 * transfer, with no copying on this thread; text is copied, and a plan whose catalog holds a
 * single character beyond Latin-1 ("≤", "—") is two-byte text: 2 MB serialised per worker, tens
 * of ms each. Every piece is whole JSON tokens, so encoding piece by piece splits no character.
 */
export async function jsonBytesInSlices(value: unknown, budgetMs = BUDGET_MS): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const chunks = await inSlices(
    jsonPieces(value).map((piece) => () => encoder.encode(piece())),
    budgetMs,
  );
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
