// Draws charts off the main thread, each on an OffscreenCanvas handed over by WorkerChart.svelte:
// chart.js's set-up and draws (its first-use compilation and garbage included) never block the page.
// A config carries callbacks and plugins, which cannot be posted: it is built here from the chart's
// data by the same builder the page uses (configOf). Pointer events come from the page, so tooltips
// and legend clicks behave as on the page.
import type { Chart } from 'chart.js';
import { Chart as ChartJs, sameKind } from '../chart-setup.ts';
import { configOf, type ChartSpec } from '../charts.ts';

/** a pointer event on the page's canvas, in CSS pixels from its top-left corner */
export type ChartPointer = { type: 'mousemove' | 'mouseout' | 'click'; x: number; y: number };
export type ChartRequest =
  | { type: 'create'; id: number; canvas: OffscreenCanvas; width: number; height: number; dpr: number }
  | { type: 'draw'; id: number; seq: number; spec: ChartSpec }
  | { type: 'resize'; id: number; width: number; height: number }
  | { type: 'event'; id: number; event: ChartPointer }
  | { type: 'destroy'; id: number };
export type ChartReply = { type: 'drawn'; id: number; seq: number } | { type: 'failed'; id: number; seq: number; message: string };

type Held = { canvas: OffscreenCanvas; width: number; height: number; dpr: number; chart: Chart | null };
const held = new Map<number, Held>();

function draw(h: Held, spec: ChartSpec): void {
  const cfg = configOf(spec);
  if (spec.theme.muted) ChartJs.defaults.color = spec.theme.muted;
  // sized by the page (its box as a ResizeObserver saw it), scaled here for the device
  const options = { ...cfg.options, responsive: false, maintainAspectRatio: false, animation: false as const, devicePixelRatio: h.dpr };
  if (h.chart && sameKind(h.chart, cfg)) {
    h.chart.data = cfg.data;
    h.chart.options = options;
    h.chart.update('none');
    return;
  }
  h.chart?.destroy();
  h.canvas.width = h.width;
  h.canvas.height = h.height;
  // chart.js draws on an OffscreenCanvas (its BasicPlatform); its typings name only page canvases
  h.chart = new ChartJs(h.canvas as unknown as HTMLCanvasElement, { ...cfg, options } as never);
}

function handle(msg: ChartRequest): ChartReply | null {
  if (msg.type === 'create') {
    held.set(msg.id, { canvas: msg.canvas, width: msg.width, height: msg.height, dpr: msg.dpr, chart: null });
    return null;
  }
  const h = held.get(msg.id);
  if (!h) return null;
  switch (msg.type) {
    case 'draw':
      try {
        draw(h, msg.spec);
        return { type: 'drawn', id: msg.id, seq: msg.seq };
      } catch (err) {
        return { type: 'failed', id: msg.id, seq: msg.seq, message: err instanceof Error ? err.message : String(err) };
      }
    case 'resize':
      h.width = msg.width;
      h.height = msg.height;
      h.chart?.resize(msg.width, msg.height);
      return null;
    case 'event': {
      // chart.js listens to DOM events itself only on a page canvas; here the page forwards them
      // to its event handler, which reads the event's type off `native`
      const chart = h.chart as (Chart & { _eventHandler(e: unknown): void }) | null;
      chart?._eventHandler({ type: msg.event.type, chart, native: { type: msg.event.type }, x: msg.event.x, y: msg.event.y });
      return null;
    }
    case 'destroy':
      h.chart?.destroy();
      held.delete(msg.id);
      return null;
  }
}

// the worker's global scope (the renderer's tsconfig types `self` as a window); absent in tests
const scope = (typeof self === 'undefined' ? null : self) as unknown as {
  onmessage: ((e: MessageEvent<ChartRequest>) => void) | null;
  postMessage: (m: ChartReply) => void;
} | null;

if (scope && typeof window === 'undefined') {
  scope.onmessage = (e) => {
    const reply = handle(e.data);
    if (reply) scope.postMessage(reply);
  };
}
