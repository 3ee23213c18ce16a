import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeForTerminal, exportFileName, nameText, unsafeCharIn } from './names.ts';
import { SiteSchema, WorkloadSchema } from './types.ts';

describe('names', () => {
  it('normalises to NFC, so café typed two ways is one name', () => {
    const nfd = 'cafe\u0301';
    expect(nameText.parse(nfd)).toBe('café');
    expect(WorkloadSchema.parse({ name: nfd, model: 'm', avg_output_tps: 1 }).name).toBe(WorkloadSchema.parse({ name: 'café', model: 'm', avg_output_tps: 1 }).name);
  });

  it('refuses C0/C1 controls and bidi overrides, naming the character', () => {
    for (const bad of ['a\u001b]0;pwned\u0007', 'x\u202Egnp.exe', 'tab\there', 'c1\u009bz', 'iso\u2066late']) {
      const r = SiteSchema.safeParse({ name: bad, it_power_kw: 1, racks: 1 });
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/control or bidi character \(U\+[0-9A-F]{4}\)/);
    }
  });

  it('escapes every unsafe character for a terminal and leaves safe text alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = escapeForTerminal(s);
        expect(unsafeCharIn(out)).toBeNull();
        if (unsafeCharIn(s) === null) expect(out).toBe(s);
      }),
      { seed: 11, numRuns: 500 },
    );
    expect(escapeForTerminal('a\u001b[2Jb\u202e')).toBe('a\\u001b[2Jb\\u202e');
    expect(escapeForTerminal('l1\n\tl2\r', { keepLayout: true })).toBe('l1\n\tl2\\u000d');
    // inside JSON text the escapes still parse back to the original characters
    expect(JSON.parse(escapeForTerminal(JSON.stringify({ n: 'x\u009b\u202ey' })))).toEqual({ n: 'x\u009b\u202ey' });
  });
});

describe('exportFileName', () => {
  it('names an export by the document and scenario, with no character a file system refuses', () => {
    expect(exportFileName('/home/ana/Acme plan.fleetplan', 'Base', '-tco.csv')).toBe('Acme-plan-Base-tco.csv');
    expect(exportFileName('C:\\Users\\ana\\acme.FLEETPLAN', 'Q3: what/if?', '.pdf')).toBe('acme-Q3-what-if-.pdf');
    expect(exportFileName(null, null, '.lp')).toBe('plan-scenario.lp');
  });
});
