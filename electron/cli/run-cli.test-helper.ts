// Runs the `fleetplan` command in-process for tests: its output and errors as text and its exit
// code. The user-data folder (recent files) is a fresh temporary one, never the user's.
import { tempDir } from '../backend/test-helpers.ts';
import { main } from './main.ts';

export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { ...process.env, FLEETPLAN_USER_DATA: tempDir('fleetplan-user-') };
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
