// Where a documentation screenshot goes: docs/ under `npm run screenshots` (FLEETPLAN_SCREENSHOTS=1),
// else the test's output folder, so `npm test` never rewrites committed images.
import path from 'node:path';
import type { TestInfo } from '@playwright/test';
import { ROOT } from './plan-server.ts';

export function docShot(testInfo: TestInfo, name: string): string {
  return process.env.FLEETPLAN_SCREENSHOTS === '1' ? path.join(ROOT, 'docs', name) : testInfo.outputPath(name);
}
