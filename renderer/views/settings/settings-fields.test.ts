import { describe, expect, it } from 'vitest';
import { settingsFields } from './settings-fields.ts';

describe('settings fields', () => {
  const warn = settingsFields.find((f) => f.key === 'max_utilization')!.warn!;
  it('a share typed into the percent box is read back to its percent unrounded', () => {
    expect(warn('0.875')).toBe('0.875 % of capacity — for 87.5 % type 87.5');
    expect(warn('0,8')).toBe('0.8 % of capacity — for 80 % type 80');
    expect(warn('80')).toBeUndefined();
    expect(warn('1')).toBeUndefined();
  });
});
