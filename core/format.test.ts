import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatCompact,
  formatCount,
  formatDate,
  formatDateTimeUtc,
  formatMonth,
  formatPlanMonth,
  formatDecimal,
  formatKw,
  formatMoney,
  formatMoneyCompact,
  kpiMoney,
  exactFirst,
  formatPrice,
  formatReplicas,
  formatPlanMonths,
  formatUnitsReplicas,
  formatTick,
  rateUnitText,
  formatMs,
  formatNumber,
  formatPct,
  formatPctOfBaseline,
  formatPctPerYear,
  formatRatePct,
  formatRatioPct,
  optimumGapClause,
  planStatusText,
  formatTps,
  formatUsdPerHour,
  formatUsdPerMTok,
} from './format.ts';

describe('formatMoney', () => {
  it('groups thousands without cents', () => {
    expect(formatMoney(1234567)).toBe('$1,234,567');
    expect(formatMoney(0)).toBe('$0');
    expect(formatMoney(999.6)).toBe('$1,000');
  });
  it('shows cents when asked and a true minus sign', () => {
    expect(formatMoney(0.35, 2)).toBe('$0.35');
    expect(formatMoney(-1500)).toBe('−$1,500');
    expect(formatMoney(-0.2)).toBe('$0');
  });
  it('renders missing values as a dash', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(Number.NaN)).toBe('—');
  });
});

describe('formatPrice / rateUnitText (catalog figures)', () => {
  it('a price keeps its cents when it has them, and only then', () => {
    expect(formatPrice(5.58)).toBe('$5.58');
    expect(formatPrice(2_500_000)).toBe('$2,500,000');
    expect(formatPrice(1999)).toBe('$1,999');
    expect(formatPrice(12.5)).toBe('$12.50');
    expect(formatPrice(null)).toBe('—');
  });
  it('a rate is per unit, or per replica of several units', () => {
    expect(rateUnitText(1)).toBe('unit');
    expect(rateUnitText(4)).toBe('replica of 4 units');
    expect(formatReplicas(1)).toBe('1 replica');
    expect(formatReplicas(12)).toBe('12 replicas');
    // a fraction is not rounded silently (1.25 read "1 replicas", 1.5 "2 replicas")
    expect(formatReplicas(1.25)).toBe('1.25 replicas');
    expect(formatReplicas(1.5)).toBe('1.5 replicas');
    expect(formatReplicas(4 / 3)).toBe('1.333 replicas');
  });

  it('gives units with their replicas in one format', () => {
    expect(formatUnitsReplicas(4, 1)).toBe('4 units (1 replica)');
    expect(formatUnitsReplicas(1, 1)).toBe('1 unit');
    expect(formatUnitsReplicas(3, null)).toBe('3 units');
    expect(formatUnitsReplicas(4, 1, false)).toBe('4 (1 replica)');
    expect(formatUnitsReplicas(5, 1.25, false)).toBe('5 (1.25 replicas)');
  });

  it('collapses runs of consecutive months', () => {
    // a 1-month lifetime in a 36-month period: 35 re-buys in one phrase
    expect(formatPlanMonths('2026-05', Array.from({ length: 35 }, (_, i) => i + 1))).toBe('every month Jun 2026 – Apr 2029');
    expect(formatPlanMonths('2026-05', [1, 6])).toBe('Jun 2026 and Nov 2026');
    expect(formatPlanMonths('2026-05', [0, 1, 5, 6, 7])).toBe('May 2026, Jun 2026 and every month Oct 2026 – Dec 2026');
    expect(formatPlanMonths('2026-05', [0, 6, 12, 30], 6)).toBe('every 6 months May 2026 – May 2027 and Nov 2028');
  });
});

describe('formatTick', () => {
  it('drops trailing zeros, so the ticks of one axis read alike', () => {
    expect([15e6, 10e6, 5e6, 0, -5e6].map((v) => formatTick(v, true))).toEqual(['$15M', '$10M', '$5M', '$0', '−$5M']);
    expect(formatTick(2.5e6, true)).toBe('$2.5M');
    expect(formatTick(1.25e6, true)).toBe('$1.25M');
    expect([0, 40_000, 80_000, 120_000].map((v) => formatTick(v))).toEqual(['0', '40k', '80k', '120k']);
    expect(formatTick(950)).toBe('950');
    expect(formatTick(0.5, true)).toBe('$0.5');
  });
});

describe('formatCompact / formatMoneyCompact', () => {
  it('uses three significant figures and suffixes', () => {
    expect(formatMoneyCompact(1234567)).toBe('$1.23M');
    expect(formatCompact(12345)).toBe('12.3k');
    expect(formatCompact(123456)).toBe('123k');
    expect(formatCompact(987)).toBe('987');
    expect(formatCompact(2.5e9)).toBe('2.50B');
    expect(formatCompact(0)).toBe('0');
    expect(formatCompact(0.5)).toBe('0.5');
  });
  it('promotes at the rounding edge instead of printing 1000k', () => {
    expect(formatCompact(999_950)).toBe('1.00M');
    expect(formatCompact(999_400)).toBe('999k');
  });
  it('keeps the sign', () => {
    expect(formatMoneyCompact(-2_500_000)).toBe('−$2.50M');
  });
  it('writes money below $1k in whole dollars, as the tables do', () => {
    expect([78.7, 950, 999.4, 999.6, 0.4, -12.5].map(formatMoneyCompact)).toEqual(['$79', '$950', '$999', '$1.00k', '$0', '−$13']);
  });
});

describe('kpiMoney', () => {
  it('gives a key figure exact up to 15 characters, compact beyond with the exact figure for its note', () => {
    expect(kpiMoney(99_999_999_999)).toEqual({ value: '$99,999,999,999', exact: null });
    expect(kpiMoney(628_130_958_097)).toEqual({ value: '$628B', exact: '$628,130,958,097' });
    expect(kpiMoney(1_256_082_959_956)).toEqual({ value: '$1.26T', exact: '$1,256,082,959,956' });
  });
  it('puts the exact figure first in the note, either part alone where the other is missing', () => {
    expect(exactFirst('$628,130,958,097', '36 months')).toBe('$628,130,958,097; 36 months');
    expect(exactFirst(null, '36 months')).toBe('36 months');
    expect(exactFirst('$628,130,958,097', null)).toBe('$628,130,958,097');
  });
});

describe('formatCount', () => {
  it('groups the count and picks the noun', () => {
    expect(formatCount(5000, 'workload')).toBe('5,000 workloads');
    expect(formatCount(1, 'workload')).toBe('1 workload');
    expect(formatCount(0, 'site')).toBe('0 sites');
    expect(formatCount(12_000, 'ESP32 device', 'ESP32 devices')).toBe('12,000 ESP32 devices');
  });
});

describe('units', () => {
  it('formats kW with sensible precision', () => {
    expect(formatKw(10.2)).toBe('10.2 kW');
    expect(formatKw(1200)).toBe('1,200 kW');
    expect(formatKw(0.0005)).toBe('0.0005 kW');
    expect(formatKw(0)).toBe('0 kW');
  });
  it('formats throughput', () => {
    expect(formatTps(21606)).toBe('21,606 tok/s');
    expect(formatTps(19.1)).toBe('19.1 tok/s');
    expect(formatTps(2.17)).toBe('2.17 tok/s');
  });
  it('formats percentages', () => {
    expect(formatPct(2.5)).toBe('2.5%');
    expect(formatPct(0)).toBe('0%');
    // a difference against a baseline names what it is a share of
    expect(formatPctOfBaseline(80)).toBe('80% of the baseline');
    expect(formatPctOfBaseline(-12.345)).toBe('−12.3% of the baseline');
    // a share not nil never reads 0%, nor one short of the whole 100%: more decimals then
    expect(formatPctOfBaseline(0.01)).toBe('0.01% of the baseline');
    expect(formatPctOfBaseline(-0.04)).toBe('−0.04% of the baseline');
    expect(formatPctOfBaseline(0.0004)).toBe('0.0004% of the baseline');
    expect(formatPctOfBaseline(99.97)).toBe('99.97% of the baseline');
    expect(formatPctOfBaseline(99.99996)).toBe('over 99.9999% of the baseline');
    expect(formatPctOfBaseline(1e-7)).toBe('under 0.0001% of the baseline');
    expect(formatPctOfBaseline(-1e-7)).toBe('under 0.0001% of the baseline');
    expect(formatPctOfBaseline(0)).toBe('0% of the baseline');
    expect(formatPctOfBaseline(100)).toBe('100% of the baseline');
    expect(formatPctOfBaseline(0.05)).toBe('0.1% of the baseline');
    // one rule for a yearly rate (the PDF, the views, the exports): 2 decimals at most, a true minus
    expect(formatRatePct(7.25)).toBe('7.25%');
    expect(formatRatePct(7.125)).toBe('7.13%');
    expect(formatRatePct(12, true)).toBe('+12%');
    expect(formatRatePct(-10, true)).toBe('−10%');
    expect(formatRatePct(0.001, true)).toBe('0%');
    expect(formatPctPerYear(-6.35, true)).toBe('−6.35% a year');
    expect(formatRatioPct(0.875)).toBe('87.5%');
  });
  it('says how far a stopped search may be from the optimum, and that it is unknown without a bound', () => {
    expect(optimumGapClause(0.0052)).toBe('at most 0.52% below this one');
    expect(optimumGapClause(null)).toBe('no lower bound was proven, so by how much is not known');
    // the gap is the objective's: with unserved penalties in it, the clause and the status say so
    // (a $2,395,311 plan with $1,200,000 of penalties read "at most 36.13% below this one")
    const penalised = { objective_usd: 3_595_311, totals: { capex_usd: 0, horizon_cost_usd: 2_395_311 } };
    expect(optimumGapClause(0.3613, penalised)).toBe('at most 36.13% below this one\'s $3,595,311 of horizon cost plus unserved penalties (the sum the search minimises, not the horizon cost alone)');
    expect(optimumGapClause(0.0052, { objective_usd: 99_480, totals: { capex_usd: 0, horizon_cost_usd: 99_480 } })).toBe('at most 0.52% below this one');
    expect(planStatusText({ status: 'optimal', gap: 0, bound_usd: 3_595_311, ...penalised })).toBe('Optimal (proven least horizon cost plus unserved penalties, within 0.01 %)');
    expect(planStatusText({ status: 'optimal', gap: 0, bound_usd: 99_480 })).toBe('Optimal (proven least cost within 0.01 %)');
    expect(planStatusText({ status: 'time_limit', stopped_by: 'time_limit', gap: 0.3613, bound_usd: 2_296_400, ...penalised }))
      .toBe('Best plan found within the time limit (gap 36.13% to the proven bound on the horizon cost plus unserved penalties)');
    // a plan stopped before any bound carries the bound $0 and gap 1: shown as no bound proven, not "gap 100% to the proven bound"
    const early = { status: 'time_limit', gap: 1, bound_usd: 0, stopped_by: 'time_limit' } as const;
    expect(planStatusText(early)).toBe('Best plan found within the time limit (no lower bound proven)');
    expect(planStatusText({ ...early, gap: 0.0052, bound_usd: 99_480 })).toBe('Best plan found within the time limit (gap 0.52% to the proven bound)');
  });
  it('formats ms, per-token and hourly prices', () => {
    expect(formatMs(2500)).toBe('2,500 ms');
    expect(formatUsdPerMTok(0.6)).toBe('$0.60 /M tok');
    expect(formatUsdPerHour(2.7)).toBe('$2.70 /h');
  });
  it('formats plain numbers', () => {
    expect(formatNumber(1234567.8)).toBe('1,234,568');
    expect(formatDecimal(1.5)).toBe('1.5');
    expect(formatDecimal(1.256, 2)).toBe('1.26');
  });
});

describe('laws', () => {
  it('formatMoney round-trips integers through its digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const text = formatMoney(n);
        const back = Number(text.replace('−', '-').replace(/[$,]/g, ''));
        expect(back).toBe(n === 0 ? 0 : n);
        // groups are exactly three digits after the first
        expect(text.replace(/^−?\$/, '')).toMatch(/^\d{1,3}(,\d{3})*$/);
      }),
    );
  });
  it('formatCompact stays within 0.5% of the value for large numbers', () => {
    fc.assert(
      fc.property(fc.double({ min: 1000, max: 1e14, noNaN: true }), (n) => {
        const text = formatCompact(n);
        const m = /^([\d.]+)([kMBT])$/.exec(text);
        expect(m).not.toBeNull();
        const scale = { k: 1e3, M: 1e6, B: 1e9, T: 1e12 }[m![2] as 'k' | 'M' | 'B' | 'T'];
        expect(Math.abs(Number(m![1]) * scale - n) / n).toBeLessThan(0.005);
      }),
    );
  });
});

describe('months a person reads', () => {
  it('are calendar months, counted across years from the start month', () => {
    expect(formatMonth('2027-03')).toBe('Mar 2027');
    expect(formatPlanMonth('2026-11', 0)).toBe('Nov 2026');
    expect(formatPlanMonth('2026-11', 2)).toBe('Jan 2027');
    expect(formatPlanMonth('2026-01', 35)).toBe('Dec 2028');
  });
  it('timestamps read as days of those months, in UTC, with the time where it is given', () => {
    // the PDF cover printed "Plan solved 2026-12-07 09:33 UTC" under "Date 7 Dec 2026"
    expect(formatDate('2026-12-07T09:33:12.345Z')).toBe('7 Dec 2026');
    expect(formatDate('2027-01-01T00:30:00+01:00')).toBe('31 Dec 2026');
    expect(formatDateTimeUtc('2026-12-07T09:03:12.345Z')).toBe('7 Dec 2026, 09:03 UTC');
    expect(formatDateTimeUtc('not a date')).toBe('not a date');
  });
});
