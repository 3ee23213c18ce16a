import { describe, expect, it } from 'vitest';
import { VIEW_INFO, VIEW_SECTIONS, VIEWS, isViewId, viewKey } from './views.ts';

describe('views', () => {
  it('every view has a distinct label and key, and sections come in VIEW_SECTIONS order', () => {
    expect(new Set(VIEWS.map((v) => VIEW_INFO[v].label)).size).toBe(VIEWS.length);
    expect(VIEWS.map(viewKey)).toEqual(VIEWS.map((_, i) => String(i + 1)));
    const order = VIEWS.map((v) => VIEW_SECTIONS.indexOf(VIEW_INFO[v].section));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.every((i) => i >= 0)).toBe(true);
  });
  it('isViewId accepts only the views', () => {
    expect(VIEWS.every(isViewId)).toBe(true);
    expect(isViewId('report')).toBe(false);
    expect(isViewId('')).toBe(false);
  });
});
