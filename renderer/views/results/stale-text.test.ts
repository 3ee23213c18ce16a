import { describe, expect, it } from 'vitest';
import { staleBannerText } from './stale-text.ts';

describe('staleBannerText', () => {
  it('speaks of figures only for a plan that has them', () => {
    expect(staleBannerText('optimal')).toContain('the figures below are for the inputs this plan was solved from');
    expect(staleBannerText('time_limit')).toContain('the figures below');
  });

  it('an infeasible plan, or none found, has reasons and no figures: the banner says so', () => {
    // an infeasible plan's banner spoke of "the figures below" over a page of reasons
    for (const s of ['infeasible', 'no_plan'] as const) expect(staleBannerText(s)).not.toMatch(/figures/);
    expect(staleBannerText('infeasible')).toContain('the reasons below are why those inputs had no plan');
    expect(staleBannerText('no_plan')).toContain('before finding a plan');
  });
});
