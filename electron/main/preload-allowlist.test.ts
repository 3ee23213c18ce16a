import { describe, expect, it } from 'vitest';
import { apiSchemas, IPC_PREFIX as CORE_PREFIX } from '../../core/api.ts';
import { channelFor, IPC_PREFIX, parseAllowlist } from '../preload/allowlist.ts';

describe('preload allowlist', () => {
  const names = Object.keys(apiSchemas);
  const allow = parseAllowlist(['electron', '--foo', `--fleet-api=${names.join(',')}`]);

  it('uses the same prefix as core/api.ts and accepts every API name', () => {
    expect(IPC_PREFIX).toBe(CORE_PREFIX);
    expect([...allow].sort()).toEqual([...names].sort());
    for (const n of names) expect(channelFor(n, allow)).toBe(`app:${n}`);
  });

  it('refuses names not on the list, odd shapes and non-strings', () => {
    for (const bad of ['shell-open', 'app:document-info', '../document-info', 'document-info\n', '__proto__', 'constructor', '', 42, null]) {
      expect(channelFor(bad, allow)).toBeInstanceOf(Error);
    }
  });

  it('an absent or malformed argument allows nothing', () => {
    expect(parseAllowlist(['electron']).size).toBe(0);
    expect(parseAllowlist(['--fleet-api=Evil Name,a:b']).size).toBe(0);
  });
});
