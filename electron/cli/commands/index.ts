// The command table of `fleetplan`. Adding a command: write commands/<name>.ts exporting a
// Command and add one line here (help lists them in this order).
import type { Command } from '../command.ts';
import { exportCommand } from './export.ts';
import { exportLp } from './export-lp.ts';
import { importCommand } from './import.ts';
import { init } from './init.ts';
import { optimize } from './optimize.ts';
import { report } from './report.ts';
import { scenario } from './scenario.ts';
import { serve } from './serve.ts';
import { set } from './set.ts';
import { tco } from './tco.ts';

export const commands: Record<string, Command> = Object.fromEntries(
  [
    init,
    importCommand,
    exportCommand,
    scenario,
    set,
    optimize,
    tco,
    exportLp,
    report,
    serve,
  ].map((c) => [c.name, c]),
);
