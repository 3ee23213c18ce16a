// chart.js as FleetPlan uses it, on the page and in the chart worker alike: only the controllers
// and elements FleetPlan draws are registered, with the app's font. Import for the side effect.
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  LineController,
  DoughnutController,
  BarElement,
  LineElement,
  PointElement,
  ArcElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
  Filler,
);
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
Chart.defaults.font.size = 11;

/** Whether a chart can take a config in place (chart.update): the same type and the same per-chart
 *  plugins, which chart.js cannot swap on a live chart. */
export function sameKind(chart: Chart, config: { type?: string; plugins?: readonly { id: string }[] }): boolean {
  const ids = (plugins: readonly { id: string }[] | undefined) => (plugins ?? []).map((p) => p.id).join(',');
  return (chart.config as { type?: string }).type === config.type && ids(chart.config.plugins) === ids(config.plugins);
}

export { Chart };
