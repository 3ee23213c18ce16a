// The app's views, once: their order (navigation order and the Ctrl/Cmd+1…7 accelerators of the
// sidebar and of the Electron View menu), labels and sidebar sections. A Record, so a new view
// does not compile until it has a label and a section; App.svelte then needs its component.
export const VIEWS = ['catalog', 'workloads', 'sites', 'settings', 'results', 'tco', 'compare'] as const;
export type ViewId = (typeof VIEWS)[number];

export const VIEW_SECTIONS = ['Inputs', 'Scenario', 'Plan'] as const;
export type ViewSection = (typeof VIEW_SECTIONS)[number];

export const VIEW_INFO: Record<ViewId, { label: string; section: ViewSection }> = {
  catalog: { label: 'Catalog', section: 'Inputs' },
  workloads: { label: 'Workloads', section: 'Inputs' },
  sites: { label: 'Sites', section: 'Inputs' },
  settings: { label: 'Settings', section: 'Scenario' },
  results: { label: 'Results', section: 'Plan' },
  tco: { label: 'TCO', section: 'Plan' },
  compare: { label: 'Compare', section: 'Plan' },
};

/** The accelerator digit of a view: its place in VIEWS, from 1. */
export function viewKey(view: ViewId): string {
  return String(VIEWS.indexOf(view) + 1);
}

export function isViewId(id: string): id is ViewId {
  return (VIEWS as readonly string[]).includes(id);
}
