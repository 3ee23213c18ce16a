// The shape of a `fleetplan` command and the exit-code rules (DESIGN 8): 0 ok, 1 infeasible
// (or a failure that is not the user's input), 2 bad input with file, line and field named,
// 3 the environment refused a write (read-only, disk full, no permission, document busy).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FleetError } from '../../core/api.ts';
import { envError, envReasonOfFleetError } from '../backend/env-errors.ts';

export const EXIT_OK = 0;
export const EXIT_INFEASIBLE = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_ENVIRONMENT = 3;

export type CommandContext = {
  out: (line: string) => void;
  err: (line: string) => void;
  /** raw text to stdout, as is (a file's content for OUT = -) */
  write: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** aborted on SIGINT/SIGTERM: long-running commands (serve, optimize) stop on it */
  signal: AbortSignal;
  /** a status line that replaces itself (null clears it); only when stderr is a terminal */
  status?: (line: string | null) => void;
};

export type Command = {
  name: string;
  /** one line for `fleetplan --help` */
  summary: string;
  /** the usage line(s), printed on bad arguments and for `fleetplan help NAME` */
  usage: string;
  run(args: string[], ctx: CommandContext): Promise<number>;
};

/** A failure with its exit code; the message is printed as is. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(exitCode: number, message: string) {
    super(message);
    this.exitCode = exitCode;
  }
}

export const badInput = (message: string) => new CliError(EXIT_BAD_INPUT, message);

/** node:util parseArgs with usage errors turned into exit 2. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  cmd: Pick<Command, 'name' | 'usage'>,
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw badInput(`${(e as Error).message}\nusage: ${cmd.usage}`);
  }
}

export function exitCodeFor(e: unknown): number {
  if (e instanceof CliError) return e.exitCode;
  if (envReasonOfFleetError(e) || envError(e)) return EXIT_ENVIRONMENT;
  if (e instanceof FleetError) return e.code === 'infeasible' || e.code === 'internal' || e.code === 'unavailable' ? EXIT_INFEASIBLE : EXIT_BAD_INPUT;
  return EXIT_INFEASIBLE;
}
