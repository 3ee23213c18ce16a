// report-*: the report model for the print route, and the PDF (written to a path, or returned as
// base64 for the browser UI of `fleetplan serve`). Printing runs in a Chromium child process, so
// the event loop stays free while it works.
import type { Backend } from '../backend.ts';
import type { Dispatch } from '../dispatch.ts';
import { generateReportPdf, reportModelFor, reportTcoCsv } from '../report.ts';
import type { Handlers } from './types.ts';

/** `dispatch` is the handler table these entries belong to: Chromium loads the report through it. */
export function reportHandlers(b: Backend, dispatch: Dispatch) {
  return {
    'report-data': ({ scenario, pageSize }) => reportModelFor(b, { scenario, pageSize }),
    'report-pdf': async ({ scenario, pageSize, path }) => {
      const r = await generateReportPdf(b, dispatch, { scenario, pageSize, path, ...(b.rendererDir ? { staticDir: b.rendererDir } : {}) });
      return {
        path: r.path,
        fileName: r.fileName,
        base64: r.path ? null : r.pdf.toString('base64'),
        bytes: r.pdf.length,
        pages: r.pages,
        ms: Math.round(r.ms),
        phases: r.phases,
      };
    },
    'report-tco-csv': ({ scenario }) => reportTcoCsv(b, scenario),
  } satisfies Partial<Handlers>;
}
