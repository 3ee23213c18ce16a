// The sliced JSON text is JSON.stringify's, for any value: what a worker parses is what the main
// thread holds, less only what JSON cannot carry (the same as a plain JSON round trip).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBytesInSlices, jsonInSlices, jsonPieces } from './json-slices.ts';
import { makeScenario } from '../../../core/tco/test-scenarios.ts';

const joined = (v: unknown, depth?: number) => jsonPieces(v, depth).map((p) => p()).join('');

describe('JSON in slices', () => {
  it('equals JSON.stringify for any JSON value and depth', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (v, d) => {
        expect(joined(v, d)).toBe(JSON.stringify(v));
      }));
  });

  it('skips the keys JSON.stringify skips and writes null for array holes it cannot carry', () => {
    const v = { a: undefined, b: () => 1, c: [undefined, () => 2, 3], d: new Date(0), e: { f: undefined }, g: Symbol('x') };
    for (const d of [1, 2, 3]) expect(joined(v, d)).toBe(JSON.stringify(v));
  });

  it('splits long arrays into chunks without changing the text', () => {
    const big = fc.sample(fc.record({ id: fc.string(), x: fc.double({ noNaN: true, noDefaultInfinity: true }), tags: fc.array(fc.string()) }), 650);
    for (const v of [{ rows: big }, big, { nested: { rows: big, n: big.length } }, { rows: big.slice(0, 200) }, { rows: big.slice(0, 201) }]) {
      expect(joined(v)).toBe(JSON.stringify(v));
    }
    expect(jsonPieces({ rows: big }).length).toBeGreaterThan(3);
  });

  it('a plan and its input come back whole from the sliced text', async () => {
    const { input, plan } = makeScenario(11, { maxWorkloads: 8, horizon: 36 });
    const text = await jsonInSlices({ input, plan }, 0);
    expect(text).toBe(JSON.stringify({ input, plan }));
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify({ input, plan })));
  });

  it('the bytes are the UTF-8 of the same text, characters beyond Latin-1 and lone surrogates included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (v) => {
        expect(new TextDecoder().decode(await jsonBytesInSlices(v, 0))).toBe(JSON.stringify(v));
      }),
      { numRuns: 30 },
    );
    const odd = { note: 'a ≤ b — c → d', rows: Array.from({ length: 450 }, (_, i) => ({ id: `w-${i}`, s: i % 7 ? 'x' : '\ud800 ≈ 😀' })) };
    const bytes = await jsonBytesInSlices(odd, 0);
    expect(bytes).toEqual(new TextEncoder().encode(JSON.stringify(odd)));
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual(odd);
  });
});
