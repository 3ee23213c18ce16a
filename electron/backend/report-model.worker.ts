// The report model off the main thread (worker_threads): one ReportModelJob in, one reply out.
// The main thread meanwhile serves the report page to Chromium, which loads it in parallel.
import { parentPort } from 'node:worker_threads';
import { FleetError } from '../../core/fleet-error.ts';
import { computeReportModel, type ReportModelJob, type ReportModelReply } from './report-model.ts';

if (!parentPort) throw new Error('report-model.worker.ts must run as a worker thread');
const port = parentPort;
port.once('message', (job: ReportModelJob) => {
  let reply: ReportModelReply;
  try {
    reply = { ok: true, ...computeReportModel(job) };
  } catch (e) {
    reply = { ok: false, code: e instanceof FleetError ? e.code : null, message: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
