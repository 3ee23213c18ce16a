import { describe, expect, it } from 'vitest';
import { breakParts, headingParts } from './break-points.ts';

describe('breakParts', () => {
  it('splits after hyphens and underscores, keeping every character', () => {
    expect(breakParts('hq-server-room')).toEqual(['hq-', 'server-', 'room']);
    expect(breakParts('payments-code_completion-0001')).toEqual(['payments-', 'code_', 'completion-', '0001']);
    for (const s of ['a--b', '-x-', 'llama-3.1-8b', 'x.y.z', '', 'plain']) expect(breakParts(s).join('')).toBe(s);
  });
  it('never splits a decimal number or a word', () => {
    expect(breakParts('llama-3.1-8b')).toEqual(['llama-', '3.1-', '8b']);
    expect(breakParts('serverroom')).toEqual(['serverroom']);
    expect(breakParts('api.example')).toEqual(['api.', 'example']);
  });
  it('splits a model list after each "|"', () => {
    expect(breakParts('llama-3.3-70b|llama-3.3-70b-sparse70-int4')).toEqual(['llama-', '3.3-', '70b|', 'llama-', '3.3-', '70b-', 'sparse70-', 'int4']);
  });
});

describe('headingParts', () => {
  it('breaks only the long heading words it knows, at their syllable, in any case', () => {
    expect(headingParts('Total (undiscounted)')).toEqual([['Total'], ['(undis', 'counted)']]);
    expect(headingParts('Replacements')).toEqual([['Replace', 'ments']]);
    expect(headingParts('Capex (purchases)')).toEqual([['Capex'], ['(purchases)']]);
    for (const s of ['Capex budget left', 'REPLACEMENTS', '']) expect(headingParts(s).map((w) => w.join('')).join(' ')).toBe(s);
  });
});
