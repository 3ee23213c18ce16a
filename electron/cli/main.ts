// `fleetplan`: the headless command (DESIGN 8). Dispatches to the command table in
// commands/index.ts; every failure becomes a message on stderr and an exit code.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FleetError } from '../../core/api.ts';
import { escapeForTerminal } from '../../core/names.ts';
import { envError } from '../backend/env-errors.ts';
import { setSlowQueryLogger } from '../backend/repo/timing.ts';
import { EXIT_BAD_INPUT, EXIT_OK, exitCodeFor, type CommandContext } from './command.ts';
import { commands } from './commands/index.ts';

function help(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return [
    'usage: fleetplan COMMAND PLAN [options]',
    '',
    ...Object.values(commands).map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'fleetplan help COMMAND shows its options. Exit codes: 0 ok, 1 infeasible, 2 bad input,',
    '3 cannot write (read-only, disk full, no permission, or another FleetPlan process is changing the document).',
  ].join('\n');
}

/** Rewrites one stderr line in place ("\r" then erase to the end of the line). */
function terminalStatus(line: string | null): void {
  process.stderr.write(`\r${line === null ? '' : escapeForTerminal(line, { keepLayout: true })}\x1b[K`);
}

export async function main(argv: string[], ctx?: Partial<CommandContext>): Promise<number> {
  const out = ctx?.out;
  const c: CommandContext = {
    // names come from documents and files: nothing they hold may drive the terminal (escape codes, bidi)
    out: ctx?.out ?? ((l) => process.stdout.write(escapeForTerminal(l, { keepLayout: true }) + '\n')),
    err: ctx?.err ?? ((l) => process.stderr.write(escapeForTerminal(l, { keepLayout: true }) + '\n')),
    // with an injected `out` (tests), raw text goes there too, less its final line break
    write: ctx?.write ?? (out ? (t) => out(t.replace(/\r?\n$/, '')) : (t) => void process.stdout.write(t)),
    env: ctx?.env ?? process.env,
    signal: ctx?.signal ?? new AbortController().signal,
  };
  // progress lines (import) go to a terminal only: never into a log or a pipe
  const status = ctx?.status ?? (!ctx?.err && process.stderr.isTTY ? terminalStatus : undefined);
  if (status) c.status = status;
  // the repositories' slow-query timings are for developers: on stderr only with FLEETPLAN_DEBUG
  setSlowQueryLogger(c.env.FLEETPLAN_DEBUG ? (label, ms) => c.err(`[fleetplan] slow query ${label}: ${ms.toFixed(1)} ms`) : () => {});
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    c.out(help());
    return name ? EXIT_OK : EXIT_BAD_INPUT;
  }
  if (name === 'help') {
    const cmd = rest[0] ? commands[rest[0]] : undefined;
    c.out(cmd ? `usage: ${cmd.usage}` : help());
    return EXIT_OK;
  }
  const cmd = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!cmd) {
    c.err(`fleetplan: unknown command "${name}"\n\n${help()}`);
    return EXIT_BAD_INPUT;
  }
  try {
    return await cmd.run(rest, c);
  } catch (thrown) {
    const e = envError(thrown) ?? thrown;
    if (e instanceof FleetError || e instanceof Error) {
      const internal = !(e instanceof FleetError) && !('exitCode' in e);
      c.err(`fleetplan ${name}: ${internal ? 'internal error: ' : ''}${e.message}`);
      if (internal && c.env.FLEETPLAN_DEBUG) c.err(String(e.stack));
    } else c.err(`fleetplan ${name}: ${String(e)}`);
    return exitCodeFor(e);
  }
}

/** Runs as a program: wires SIGINT/SIGTERM to the abort signal, exits with the code. */
export async function runCli(argv = process.argv.slice(2)): Promise<void> {
  // `fleetplan tco P | head`: the reader went away; stop quietly rather than print a stack
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // run by bin/fleetplan.js on an older Node: its stop comes as a message, and its death closes the channel
  const onMessage = (m: unknown) => { if (typeof m === 'object' && m !== null && 'stop' in m) stop(); };
  if (process.channel) {
    process.channel.unref();
    process.on('message', onMessage);
    process.once('disconnect', stop);
  }
  const code = await main(argv, { signal: ac.signal });
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  process.off('message', onMessage);
  process.off('disconnect', stop);
  process.exitCode = code;
}

const self = fileURLToPath(import.meta.url);
const entry = process.argv[1] ? (() => { try { return fs.realpathSync(process.argv[1]!); } catch { return ''; } })() : '';
if (entry === self) await runCli();
