// Environment failures through the CLI: a read-only document is refused before any solve with
// exit 3 and "cannot write X: read-only"; a refused document is left as it was.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../backend/test-helpers.ts';
import { EXIT_BAD_INPUT, EXIT_ENVIRONMENT } from './command.ts';
import { main } from './main.ts';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: { FLEETPLAN_USER_DATA: tempDir() } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('environment failures', () => {
  it('optimize on a read-only document: exit 3 before solving, nothing written', async () => {
    if (process.getuid?.() === 0) return; // root writes read-only files
    const file = path.join(tempDir(), 'ro.fleetplan');
    expect((await cli(['init', file, '--demo'])).code).toBe(0);
    fs.chmodSync(file, 0o444);
    const before = fs.readFileSync(file);
    const r = await cli(['optimize', file, '--time-limit', '30']);
    expect(r.code).toBe(EXIT_ENVIRONMENT);
    expect(r.err).toMatch(/cannot write .*ro\.fleetplan: read-only/);
    expect(r.err).not.toMatch(/internal error/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('a 0-byte file is refused as bad input and stays 0 bytes', async () => {
    const file = path.join(tempDir(), 'empty.fleetplan');
    fs.writeFileSync(file, '');
    const r = await cli(['set', file, 'horizon_months=24']);
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.err).toMatch(/empty \(0 bytes\)/);
    expect(fs.statSync(file).size).toBe(0);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['empty.fleetplan']);
  });
});
