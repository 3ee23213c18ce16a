// report-*: the report model for the print route, and the PDF (written to a path, or returned as
// base64 for the browser UI of `fleetplan serve`). Printing runs in a Chromium child process, so
// the event loop stays free while it works.
import type { Backend } from '../backend.ts';
import type { Dispatch } from '../dispatch.ts';
import { generateReportPdf, reportModelFor, reportTcoCsv, type PdfPhases } from '../report.ts';
import type { Handlers } from './types.ts';

/** The API's four stages of a PDF from the generator's finer ones (the page's stages are its render). */
function coarsePhases(p: PdfPhases) {
  return { model: p.model, launch: p.launch, render: p.load + p.build + p.layout + p.paginate, print: p.print + p.reprint };
}

/** `dispatch` is the handler table these entries belong to: Chromium loads the report through it. */
export function reportHandlers(b: Backend, dispatch: Dispatch) {
  return {
    'report-data': ({ scenario, planId, pageSize }) => reportModelFor(b, { scenario, planId, pageSize }),
    'report-pdf': async ({ scenario, planId, pageSize, path }) => {
      const r = await generateReportPdf(b, dispatch, { scenario, planId, pageSize, path, ...(b.rendererDir ? { staticDir: b.rendererDir } : {}) });
      return {
        path: r.path,
        fileName: r.fileName,
        base64: r.path ? null : r.pdf.toString('base64'),
        bytes: r.pdf.length,
        pages: r.pages,
        ms: Math.round(r.ms),
        phases: coarsePhases(r.phases),
      };
    },
    'report-tco-csv': ({ scenario, planId }) => reportTcoCsv(b, scenario, planId),
  } satisfies Partial<Handlers>;
}
