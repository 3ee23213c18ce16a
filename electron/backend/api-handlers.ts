// The one handler table behind every transport (Electron IPC, HTTP of `fleetplan serve`, the
// `fleetplan` verbs): composed from per-noun files in handlers/; dispatch.ts validates and
// maps errors.
// To add a noun: write handlers/<noun>.ts exporting `<noun>Handlers(b)` (… satisfies
// Partial<Handlers>) and spread it into createHandlers below; tsc fails until every name of
// apiSchemas has a handler.
import type { Backend } from './backend.ts';
import { appSettingsHandlers } from './handlers/app-settings.ts';
import { createDispatch, type Dispatch } from './dispatch.ts';
import { catalogHandlers } from './handlers/catalog.ts';
import { documentHandlers } from './handlers/document.ts';
import { importHandlers } from './handlers/import.ts';
import { optimizeHandlers } from './handlers/optimize.ts';
import { planHandlers } from './handlers/plans.ts';
import { sensitivityHandlers } from './handlers/plan.ts';
import { reportHandlers } from './handlers/report.ts';
import { scenarioHandlers } from './handlers/scenarios.ts';
import { siteHandlers } from './handlers/sites.ts';
import type { Handler, Handlers } from './handlers/types.ts';
import { currentRevision } from './repo/changes.ts';
import { workloadHandlers } from './handlers/workloads.ts';

export type { Dispatch, Handler, Handlers };

export function createHandlers(b: Backend): Handlers {
  // the report printer serves the document to Chromium through this same table
  let dispatch: Dispatch | undefined;
  const self = ((name: string, args: unknown) => (dispatch ??= createDispatch(handlers))(name, args)) as Dispatch;
  const handlers: Handlers = {
    ...documentHandlers(b),
    ...appSettingsHandlers(b),
    ...catalogHandlers(b),
    ...workloadHandlers(b),
    ...siteHandlers(b),
    ...scenarioHandlers(b),
    ...planHandlers(b),
    ...optimizeHandlers(b),
    ...sensitivityHandlers(b),
    ...reportHandlers(b, self),
    ...importHandlers(b),
  };
  return handlers;
}

/** The handler table of a backend, ready for a transport: answers carry the document revision. */
export function dispatcherFor(b: Backend): Dispatch {
  return createDispatch(createHandlers(b), {
    revision: () => (b.hasDocument ? currentRevision(b.db) : null),
    afterCall: () => b.changes.check(),
  });
}
