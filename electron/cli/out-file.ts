// The OUT arguments of the fleetplan commands (export, export-lp, optimize --json, tco --csv/--json):
// one rule for all. A file is checked before any work (its folder exists, it is not a folder, it can
// be written) and written through a temporary name and a rename, never half-written; OUT = - is
// stdout, as is, and the command's own lines then go to stderr so a pipe gets only the content
// (`fleetplan tco p --json - | jq`; optimize --json - and tco --json - wrote a file named "-").
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../backend/atomic-file.ts';
import { badInput, type CommandContext } from './command.ts';

export type Out = { /** how the message names it: "--json x.json" or "x.csv" */ label: string; /** null: stdout */ abs: string | null };

/** An OUT argument (flag null: a positional), checked; undefined when not given. */
export function checkOut(flag: string | null, arg: string | undefined): Out | undefined {
  if (arg == null) return undefined;
  const label = flag ? `--${flag} ${arg}` : arg;
  if (arg === '-') return { label, abs: null };
  const abs = path.resolve(arg);
  const dir = path.dirname(abs);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw badInput(`${label}: folder ${dir} does not exist`);
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) throw badInput(`${label} is a folder; give a file name`);
  try {
    fs.accessSync(fs.existsSync(abs) ? abs : dir, fs.constants.W_OK);
  } catch (e) {
    throw badInput(`${label}: cannot write there (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return { label, abs };
}

/** At most one OUT may be stdout; true when one is (the command's lines then go to stderr). */
export function oneStdout(outs: (Out | undefined)[]): boolean {
  const n = outs.filter((o) => o && o.abs === null).length;
  if (n > 1) throw badInput('only one output can go to stdout (-)');
  return n === 1;
}

/** Writes OUT: the file atomically, or the text to stdout. */
export function writeOut(out: Out, text: string, ctx: CommandContext): void {
  if (out.abs === null) return ctx.write(text);
  try {
    writeFileAtomic(out.abs, text);
  } catch (e) {
    throw badInput(`${out.label}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
