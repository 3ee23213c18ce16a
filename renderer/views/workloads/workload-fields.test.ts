import { describe, expect, it } from 'vitest';
import { unknownModelMessage, workloadFields } from './workload-fields.ts';

const MODELS = ['llama-3.1-8b', 'llama-3.3-70b', 'gpt-oss-120b'];

describe('unknownModelMessage', () => {
  it('accepts a known id and an empty box (the schema reports "is required")', () => {
    expect(unknownModelMessage('llama-3.1-8b', MODELS)).toBeUndefined();
    expect(unknownModelMessage('  llama-3.1-8b ', MODELS)).toBeUndefined();
    expect(unknownModelMessage('', MODELS)).toBeUndefined();
  });

  it('names the unknown id, the closest known one and the known ids', () => {
    const msg = unknownModelMessage('llama-3.1-8x', MODELS);
    expect(msg).toMatch(/^unknown model 'llama-3.1-8x'/);
    expect(msg).toContain("did you mean 'llama-3.1-8b'?");
    expect(msg).toContain('known: llama-3.1-8b, llama-3.3-70b, gpt-oss-120b');
  });

  it('offers no guess when nothing is close, and says when the catalog has no models', () => {
    expect(unknownModelMessage('mistral-large', MODELS)).not.toContain('did you mean');
    expect(unknownModelMessage('x', [])).toContain('the catalog has no models yet');
  });

  it('checks each model of a|b and names the first unknown one', () => {
    expect(unknownModelMessage('llama-3.3-70b|llama-3.1-8b', MODELS)).toBeUndefined();
    expect(unknownModelMessage(' llama-3.3-70b | gpt-oss-120b ', MODELS)).toBeUndefined();
    expect(unknownModelMessage('llama-3.3-70b|llama-3.1-8x', MODELS)).toMatch(/^unknown model 'llama-3.1-8x' — did you mean 'llama-3.1-8b'\?/);
    expect(unknownModelMessage('nope|llama-3.1-8x', MODELS)).toMatch(/^unknown model 'nope'/);
  });
});

describe('workloadFields', () => {
  it('says where models come from when the catalog has none (the Models field showed nothing to tick)', () => {
    const hint = (models: string[]) => workloadFields(models).find((f) => f.key === 'model')?.hint;
    expect(hint([])).toMatch(/^the catalog has no models yet: import a catalog JSON/);
    expect(hint(['llama-3.1-8b'])).toMatch(/^the catalog models that may serve this workload/);
  });
});
