// Entry of the print-styled plan report (renderer/report.html): fetches the report model for
// ?scenario= through the same API door as the app and mounts the document. The PDF generators
// (headless Chromium over its DevTools pipe, Electron's printToPDF) wait for body[data-ready="1"].
import { mount } from 'svelte';
import { Chart } from 'chart.js';
import './report.css';
import ReportApp from './ReportApp.svelte';

// One typeface for text and charts; no animation, so a chart is final once drawn.
Chart.defaults.font.family = "'Liberation Sans', 'Helvetica Neue', Arial, sans-serif";
Chart.defaults.font.size = 10;
Chart.defaults.animation = false;
Chart.defaults.devicePixelRatio = 2;

// what drawing the charts costs, for the PDF generators' timings (body[data-charts-ms])
const started = new WeakMap<Chart, number>();
let chartsMs = 0;
Chart.register({
  id: 'report-timing',
  beforeInit: (chart: Chart) => void started.set(chart, performance.now()),
  afterRender: (chart: Chart) => {
    const t = started.get(chart);
    if (t === undefined) return;
    started.delete(chart);
    chartsMs += performance.now() - t;
    document.body.dataset.chartsMs = chartsMs.toFixed(1);
  },
});

const params = new URLSearchParams(location.search);
const page = params.get('page');
const plan = Number(params.get('plan'));
const target = document.getElementById('report');
if (!target) throw new Error('report.html lacks #report');
const app = mount(ReportApp, {
  target,
  props: {
    scenario: params.get('scenario') ?? undefined,
    planId: Number.isInteger(plan) && plan > 0 ? plan : undefined,
    pageSize: page === 'Letter' || page === 'A4' ? page : undefined,
    printOnly: params.get('print') === '1',
  },
});
// the entry ran: a page loaded without this mark failed to start (the headless printer says so)
document.body.dataset.booted = '1';
export default app;
