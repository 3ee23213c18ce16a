// The report model: every figure is the TCO engine's, formatted by core/format.ts; every served
// workload, site and used option appears; sentences follow the baselines; risks follow the plan.
import { describe, expect, it } from 'vitest';
import { COST_LINE_LABELS, type CostLine } from '../cost-lines.ts';
import { formatMoney } from '../format.ts';
import { baselineComparisons, computeTco, sensitivity } from '../tco/index.ts';
import { api, assign, edge, instance, makeInput, system } from '../tco/fixtures.test-helper.ts';
import { planFromAssignments } from '../tco/plan-builder.ts';
import { makeScenario } from '../tco/test-scenarios.ts';
import type { PlanInput, PlanResult } from '../types.ts';
import { addMonths, buildReportModel, groupRacks, monthName, poolRacks, poolRacksText, reportFigures, type ReportModel, type Table } from './model.ts';
import { fromTcoEngine, type ReportTco } from './report-tco.ts';
import { tornadoLegend, tornadoRowWords } from '../tornado.ts';
import { defaultCatalog } from '../catalog/index.ts';
import { demoWorkloads } from '../catalog/demo.ts';
import { breakParts } from './break-points.ts';
import { buildSchedule } from '../schedule/schedule.ts';

const META = { fileName: 'acme.fleetplan', scenario: 'Base', generatedAt: '2026-11-22T01:00:00.000Z' };

function build(input: PlanInput, plan: PlanResult, meta: Partial<typeof META> & { stale?: boolean; olderPlan?: boolean; solvedAt?: string } = {}) {
  const report = computeTco(input, plan);
  const tco = fromTcoEngine(report, baselineComparisons(input, plan, report), sensitivity(input, plan));
  return { model: buildReportModel({ input, plan, tco, meta: { ...META, ...meta } }), tco, report };
}

/**
 * A plan's report figures with baselines in place of the computed ones, each spread evenly over the
 * horizon at the cost `of` gives from the plan's own horizon cost.
 */
function withBaselines(input: PlanInput, plan: PlanResult, of: (horizonUsd: number) => { id: string; label: string; cost: number; breakevenMonth: number | null }[]) {
  const base = fromTcoEngine(computeTco(input, plan), [], sensitivity(input, plan));
  const H = input.settings.horizon_months;
  const tco: ReportTco = {
    ...base,
    baselines: of(base.horizonCostUsd).map(({ cost, ...b }) => ({ ...b, available: true, horizonCostUsd: cost, monthlyUsd: Array.from({ length: H }, () => cost / H), options: [] })),
  };
  return { base, tco };
}

/** One system S serving one workload W at site F, with the system's fields and the settings given: its report model. */
function oneUnitPlan(option: Record<string, unknown>, settings: Parameters<typeof makeInput>[0]['settings']) {
  const input = makeInput({
    options: [system('S', option)],
    workloads: [{ name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1 }],
    sites: [{ name: 'F', it_power_kw: 1000, racks: 50, rack_kw: 20 }],
    ...(settings ? { settings } : {}),
  });
  return build(input, planFromAssignments(input, [assign(input, 'W', 'S', 'F')]));
}


describe('the assumptions\' sites', () => {
  it('say in one line that a document without sites has none, in place of an empty table', () => {
    const input = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 1, peak_to_avg: 1 }] });
    expect(input.sites).toEqual([]);
    const { model } = build(input, planFromAssignments(input, [assign(input, 'W', 'A')]));
    expect(model.assumptions.noSites).toBe('This plan document has no sites, so the plan buys no systems.');
    expect(model.assumptions.sites.rows).toEqual([]);
    expect(model.sites).toEqual([]);
  });

  it('give the table and no such line when the document has sites', () => {
    const { model } = oneUnitPlan({}, undefined);
    expect(model.assumptions.noSites).toBeNull();
    expect(model.assumptions.sites.rows.map((r) => r.cells[0])).toEqual(['F']);
  });
});

describe('the tier sections', () => {
  it('say that a tier\'s cost is net of the residual credit when the plan has one (the tiers add up to the horizon cost, below what they buy)', () => {
    const on = oneUnitPlan({}, { horizon_months: 12, residual_value: true });
    const tier = on.model.tiers[0]!;
    const cost = on.report.months.reduce((a, m) => a + (m.byTier.commodity ?? 0), 0);
    expect(cost).toBeCloseTo(on.report.totals.horizon_cost_usd, 6);
    expect(cost).toBeLessThan(on.report.totals.capex_usd);
    expect(tier.summary).toContain(`${formatMoney(cost)} over the horizon (undiscounted, net of the residual credit) for`);
    const off = oneUnitPlan({}, { horizon_months: 12, residual_value: false });
    expect(off.model.tiers[0]!.summary).toMatch(/over the horizon \(undiscounted\) for/);
  });

  it('say it only of a tier that holds hardware with a credit: a tier on a token API alone is not net of any', () => {
    // a system in the commodity tier (credited at the horizon) beside a premium API: the premium
    // section read "(undiscounted, net of the residual credit)" with no hardware to credit
    const input = makeInput({
      options: [system('S'), api('P', 1, 0, undefined, { tier: 'premium' })],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1 }, { name: 'V', model: 'm', avg_output_tps: 1, peak_to_avg: 1 }],
      sites: [{ name: 'F', it_power_kw: 1000, racks: 50, rack_kw: 20 }],
      settings: { horizon_months: 12, residual_value: true },
    });
    const { model, tco } = build(input, planFromAssignments(input, [assign(input, 'W', 'S', 'F'), assign(input, 'V', 'P')]));
    const summary = (tier: string) => model.tiers.find((t) => t.tier === tier)!.summary;
    expect(summary('commodity')).toMatch(/over the horizon \(undiscounted, net of the residual credit\) for/);
    expect(summary('premium')).toMatch(/over the horizon \(undiscounted\) for/);
    // the credit the tiers carry: the system's tier alone
    expect(tco.residualByTier?.commodity).toBeLessThan(0);
    expect(tco.residualByTier?.premium).toBeUndefined();
  });

  it('read their cost in the cost table\'s own figures: a tier paying lines alone reads their totals there, and the tiers add up to its total', () => {
    const money = (text: string) => Number(text.replace(/[$,]/g, '').replace('−', '-'));
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { input, plan } = makeScenario(seed, { maxWorkloads: 8, maxSites: 2 });
      const { model, tco } = build(input, plan);
      const lineTotal = new Map(model.costs.table.rows.map((r) => [r.cells[0]!, money(r.cells.at(-1)!)]));
      const shown = new Map(model.tiers.map((t) => [t.tier, money(/; (−?\$[\d,]+) over the horizon/.exec(t.summary)![1]!)]));
      const paying = Object.entries(tco.linesByTier).filter(([, ls]) => Object.keys(ls ?? {}).length > 0);
      const payers = (k: string) => paying.filter(([, ls]) => ls?.[k as CostLine] !== undefined).length;
      for (const [tier, ls] of paying) {
        const lines = Object.keys(ls ?? {}) as CostLine[];
        if (!shown.has(tier as never) || !lines.every((k) => payers(k) === 1)) continue;
        // the very money the cost table shows in those lines: one figure, not one a dollar apart
        expect(shown.get(tier as never), `seed ${seed} ${tier}`).toBe(lines.reduce((a, k) => a + lineTotal.get(COST_LINE_LABELS[k])!, 0));
        compared++;
      }
      // every tier that pays shown: they add up to the cost table's total
      if (paying.every(([t]) => shown.has(t as never))) {
        expect([...shown.values()].reduce((a, v) => a + v, 0), `seed ${seed}`).toBe(money(model.costs.table.foot!.at(-1)!));
      }
      // each within a few dollars of its exact cost
      for (const [tier, v] of shown) expect(Math.abs(v - Object.values(tco.linesByTier[tier] ?? {}).reduce((a, x) => a + x, 0)), `seed ${seed} ${tier}`).toBeLessThan(model.costs.table.rows.length + 1);
    }
    expect(compared).toBeGreaterThan(10);
  });
});

describe('the tier sections', () => {
  it('give whole dollars that add up to the total (rounded each on its own, two tiers of $31.54 read $32 each under $63)', () => {
    const input = makeInput({
      options: [api('P', 1, 0, undefined, { tier: 'premium' }), api('C', 1, 0)],
      workloads: [{ name: 'W1', model: 'm', avg_output_tps: 1, peak_to_avg: 1 }, { name: 'W2', model: 'm', avg_output_tps: 1, peak_to_avg: 1 }],
      settings: { horizon_months: 12 },
    });
    const { model, report } = build(input, planFromAssignments(input, [assign(input, 'W1', 'P'), assign(input, 'W2', 'C')]));
    expect(report.totals.undiscounted_usd).toBeCloseTo(63.072, 6);
    const shown = model.tiers.map((t) => Number(/\$([\d,]+) over the horizon/.exec(t.summary)![1]!.replace(/,/g, '')));
    expect(shown).toHaveLength(2);
    expect(shown.reduce((a, v) => a + v, 0)).toBe(63);
    expect(model.costs.table.foot!.at(-1)).toBe('$63');
  });
});

describe('the cost by line and year', () => {
  it('heads a last year shorter than 12 months with its months (a 30-month horizon\'s Year 3 holds 6)', () => {
    const input = makeInput({ options: [api('C', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 1, peak_to_avg: 1 }], settings: { horizon_months: 18 } });
    const { model } = build(input, planFromAssignments(input, [assign(input, 'W', 'C')]));
    expect(model.costs.table.columns.map((c) => c.label)).toEqual(['Cost line', 'Year 1', 'Year 2 (6 months)', 'Total']);
    const full = makeInput({ options: [api('C', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 1, peak_to_avg: 1 }], settings: { horizon_months: 24 } });
    expect(build(full, planFromAssignments(full, [assign(full, 'W', 'C')])).model.costs.table.columns.map((c) => c.label)).toEqual(['Cost line', 'Year 1', 'Year 2', 'Total']);
  });
});

describe('the appendix', () => {
  it('marks an operating point used whose speed is an estimate (its source keyed performance.<model>.<label>) and counts it among the estimates', () => {
    const est = { source: 'https://example.com/forum', as_of: '2026-01', estimate: true };
    const marked = oneUnitPlan({ field_sources: { 'performance.m.offline': est } }, { horizon_months: 12 }).model.appendix;
    const plain = oneUnitPlan({}, { horizon_months: 12 }).model.appendix;
    expect(marked.options[0]!.points).toHaveLength(1);
    expect(marked.options[0]!.points[0]).toMatch(/^m: .* \(estimate\)$/);
    expect(plain.options[0]!.points[0]).not.toContain('estimate');
    expect(marked.estimateCount).toBe(plain.estimateCount + 1);
  });
});

describe('the tier tables\' column widths', () => {
  // the compact tables' 7.6 pt text in DejaVu Sans (Chromium's face when Liberation Sans is not
  // installed; it is the wider): "llama-4-maverick" measures 23.4 mm, "16,450 ms / 30,000 ms" 31.1 mm;
  // 1.5 mm a character errs wide. A4's printable width (Letter's is wider), 1.6 mm padding a side
  const MM_PER_CHAR = 1.5;
  const room = (width: string) => Math.floor(((Number(width.replace('%', '')) / 100) * 178 - 3.2) / MM_PER_CHAR);
  /** lines a text takes in a column of `chars` characters, wrapping only between `parts` */
  const lines = (parts: string[], chars: number) => {
    let n = 1;
    let line = 0;
    for (const p of parts) {
      if (line > 0 && line + p.length > chars) {
        n++;
        line = 0;
      }
      line += p.length;
    }
    return n;
  };
  const columns = oneUnitPlan({}, { horizon_months: 12 }).model.tiers[0]!.table.columns;
  const width = (label: string) => columns.find((c) => c.label === label)!.width!;

  it('add up to the page', () => {
    expect(columns.reduce((a, c) => a + Number(c.width!.replace('%', '')), 0)).toBe(100);
  });

  it('keep a model id of the default catalog on one line and the demo\'s longest on two (at 12 % "llama-3.3-70b" took two, the sparse id four)', () => {
    const ids = defaultCatalog().models.map((m) => m.id);
    expect(ids).toContain('llama-3.3-70b-sparse70-int4');
    const model = room(width('Model'));
    for (const id of ids) expect(lines(breakParts(id), model), id).toBeLessThanOrEqual(id.length <= 16 ? 1 : 2);
    expect(lines(breakParts('llama-3.3-70b'), model)).toBe(1);
  });

  it('leave room for the demo\'s workload names and the widest figures of its rows (at 10 % "15,000 tok/s" ran into the cell padding)', () => {
    const words = (t: string) => t.split(/(?<= )/);
    const one = (label: string, text: string, split = words) => expect(lines(split(text), room(width(label))), `${label}: ${text}`).toBe(1);
    for (const w of demoWorkloads) one('Workload', w.name, breakParts);
    one('Avg demand', '42,000 tok/s');
    one('Growth', '−2.25%');
    one('Design peak', '123,456 tok/s');
    one('Per user', '15,000 tok/s');
    one('Answer / limit', '16,450 ms / 30,000 ms');
  });
});

describe('the workload register\'s column widths', () => {
  // measured with pdftotext -bbox in the PDF's DejaVu Sans (the wider face): a lowercase letter or
  // digit of the table's text takes 1.39 mm on average ("enterprise-batch" 22.3 mm), a letter of its
  // capitalised headings 1.96 mm in "ENDPOINTS" (17.6 mm; "GROWTH", 13.5 mm, reaches into the
  // padding of the columns beside it); A4's printable 178 mm, 1.6 mm padding a side
  const room = (width: string, mmPerChar: number) => Math.floor(((Number(width.replace('%', '')) / 100) * 178 - 3.2) / mmPerChar);
  /** lines a text takes in a column of `chars` characters, wrapping only between `parts` */
  const lines = (parts: string[], chars: number) => {
    let n = 1, line = 0;
    for (const p of parts) {
      if (line > 0 && line + p.length > chars) { n++; line = 0; }
      line += p.length;
    }
    return n;
  };
  const columns = oneUnitPlan({}, { horizon_months: 12 }).model.assumptions.workloads.columns;
  const width = (label: string) => columns.find((c) => c.label === label)!.width!;
  const words = (t: string) => t.split(/(?<= )/);

  it('are set and add up to the page (unset, "code-completion" and "llama-3.1-8b" took two lines and the sparse model list five)', () => {
    expect(columns.every((c) => c.width != null)).toBe(true);
    expect(columns.reduce((a, c) => a + Number(c.width!.replace('%', '')), 0)).toBeCloseTo(100, 9);
  });

  it('keep the demo\'s rows and every model id of the default catalog on one line, a model list and several tiers on a few', () => {
    const text = (label: string) => room(width(label), 1.4);
    for (const w of demoWorkloads) {
      expect(lines(breakParts(w.name), text('Workload')), w.name).toBe(1);
      expect(lines(breakParts(w.model), text('Model')), w.model).toBeLessThanOrEqual(w.model.includes('|') ? 3 : 1);
      const tiers = w.tiers ?? [];
      expect(lines(words(`${w.placement ?? 'any'} · ${tiers.length === 0 || tiers.length === 3 ? 'any tier' : tiers.join(', ')}`), text('Placement · tiers'))).toBeLessThanOrEqual(2);
    }
    for (const id of defaultCatalog().models.map((m) => m.id)) expect(lines(breakParts(id), text('Model')), id).toBeLessThanOrEqual(id.length <= 16 ? 1 : 2);
    expect(lines(words('onprem · premium, commodity, edge'), text('Placement · tiers'))).toBe(2);
    expect(lines(words('30,000 ms / 400 tok'), text('Latency limit'))).toBe(1);
    for (const [label, figure] of [['Avg demand', '42,000 tok/s'], ['Peak ÷ avg', '1.25×'], ['Growth / mo', '−2.25%'], ['Endpoints', '10,000']] as const) {
      expect(figure.length, `${label}: ${figure}`).toBeLessThanOrEqual(text(label));
    }
    // "ENDPOINTS", the widest heading word of a column of figures, fits within the padding
    expect('ENDPOINTS'.length).toBeLessThanOrEqual(room(width('Endpoints'), 1.96));
  });
});

describe('the plan-year table\'s column widths', () => {
  /** replacements (a 5-month life), a capex budget, a residual credit and a discount rate: all eight columns */
  const eight = (price: number) =>
    oneUnitPlan({ lifetime_months: 5, price_usd: price }, { horizon_months: 36, capex_budget_usd: 4 * price, discount_rate_pct: 8, residual_value: true }).model.schedule.years;

  it('with five or more money columns, sized by the page from its figures, not by widths estimated from one font (a $1B plan\'s eight columns ran past the table\'s edge)', () => {
    for (const price of [400_000, 20_000_000, 2_000_000_000]) {
      const t = eight(price);
      expect(t.columns.map((c) => c.label)).toEqual(['Plan year', 'Capex (purchases)', 'Replacements', 'Capex budget left', 'Running costs', 'Residual credit', 'Total (undiscounted)', 'Present value']);
      expect(t.columns.map((c) => c.width)).toEqual(t.columns.map(() => undefined));
      expect(t.columns.slice(1).every((c) => c.align === 'right')).toBe(true);
      expect(t.figures).toBe(true);
      expect(t.dense).toBe(true);
    }
    const five = oneUnitPlan({ lifetime_months: 5 }, { horizon_months: 36, discount_rate_pct: 8 }).model.schedule.years;
    expect(five.columns.length).toBe(6);
    expect(five.dense).toBeUndefined();
    expect(five.figures).toBe(true);
    expect(five.columns.map((c) => c.width)).toEqual(five.columns.map(() => undefined));
  });

  it('figures of more than 14 characters are given in whole thousands of dollars, each with its unit, adding up as shown (a $10B plan\'s ran out of their cells and off the page)', () => {
    const cellsOf = (t: ReturnType<typeof eight>) => [...t.rows.flatMap((r) => r.cells.slice(1)), ...t.foot!.slice(1)].filter((c) => c !== '' && c !== '—');
    // a $2.4B plan keeps its dollars, as exact as the rest of the report
    const dollarsPlan = oneUnitPlan({ lifetime_months: 5, price_usd: 300_000_000 }, { horizon_months: 36, capex_budget_usd: 1.2e9, discount_rate_pct: 8, residual_value: true });
    const d = dollarsPlan.model.schedule.years;
    expect(cellsOf(d).every((c) => /^−?\$[\d,]+$/.test(c))).toBe(true);
    expect(Math.max(...cellsOf(d).map((c) => c.length))).toBeLessThanOrEqual(14);
    expect(dollarsPlan.model.schedule.yearsNote ?? '').not.toContain('thousands');
    // $2B a unit, re-bought every 5 months: a horizon of $16B, "$16,000,000,000" (15 characters)
    const big = oneUnitPlan({ lifetime_months: 5, price_usd: 2_000_000_000 }, { horizon_months: 36, capex_budget_usd: 8e9, discount_rate_pct: 8, residual_value: true });
    const t = big.model.schedule.years;
    expect(t.columns).toHaveLength(8);
    const cells = cellsOf(t);
    for (const c of cells) expect(c).toMatch(/^−?\$[\d,]+k$/);
    expect(Math.max(...cells.map((c) => c.length))).toBeLessThanOrEqual(14);
    expect(big.model.schedule.yearsNote).toMatch(/^Amounts in whole thousands of dollars: \$1k is \$1,000\./);
    // each row and column adds up as shown, and the Horizon's total is the undiscounted horizon cost in thousands
    const k = (c: string) => (c === '—' || c === '' ? 0 : (c.startsWith('−') ? -1 : 1) * Number(c.replace(/[^\d]/g, '')));
    const col = (label: string) => t.columns.findIndex((c) => c.label === label);
    const parts = ['Capex (purchases)', 'Replacements', 'Running costs', 'Residual credit'].map(col);
    const total = col('Total (undiscounted)');
    for (const r of [...t.rows.map((x) => x.cells), t.foot!]) expect(parts.reduce((a, j) => a + k(r[j]!), 0)).toBe(k(r[total]!));
    for (const j of [...parts, total]) expect(t.rows.reduce((a, r) => a + k(r.cells[j]!), 0)).toBe(k(t.foot![j]!));
    expect(Math.abs(k(t.foot![total]!) - big.report.totals.undiscounted_usd / 1000)).toBeLessThanOrEqual(1);
  });

  it('up to four money columns keep their fixed widths, the usual type', () => {
    const t = oneUnitPlan({}, { horizon_months: 36 }).model.schedule.years;
    expect(t.columns.length).toBeLessThan(6);
    expect(t.dense).toBeUndefined();
    expect(t.figures).toBeUndefined();
    expect(t.columns[0]!.width).toBe('26%');
    expect(t.columns.slice(1).map((c) => c.width)).toEqual(t.columns.slice(1).map(() => `${Number((74 / (t.columns.length - 1)).toFixed(2))}%`));
  });
});

function bodyRows(m: ReportModel) {
  return m.tiers.flatMap((t) => t.table.rows.filter((r) => !r.group));
}

describe('buildReportModel on generated scenarios', () => {
  for (const seed of [1, 2, 3, 5, 8, 13, 21, 34]) {
    it(`seed ${seed}: figures, workloads, sites and sources`, () => {
      const { input, plan } = makeScenario(seed, { maxWorkloads: 12, maxSites: 3 });
      const { model, tco, report } = build(input, plan);

      // the headline numbers are the engine's, formatted once
      expect(model.totals.horizonCostText).toBe(formatMoney(report.totals.horizon_cost_usd));
      expect(model.totals.capexText).toBe(formatMoney(report.totals.capex_usd));
      expect(model.summary.sentences).toHaveLength(3);
      expect(model.summary.sentences[0]).toContain(formatMoney(report.totals.horizon_cost_usd));
      // no purchases: said in words, not as "$0 of up-front capital expenditure"
      expect(model.summary.sentences[0]).toContain(report.totals.capex_usd > 0 ? formatMoney(report.totals.capex_usd) : 'with no capital expenditure');
      expect(model.summary.sentences[1]).toContain(formatMoney(report.totals.run_rate_start_usd));
      expect(model.summary.sentences[1]).toContain(formatMoney(report.totals.run_rate_end_usd));
      expect(model.summary.kpis[0]!.value).toBe(formatMoney(report.totals.horizon_cost_usd));

      // every assignment is listed exactly once, under its tier
      const rows = bodyRows(model);
      expect(rows.map((r) => r.cells[0]).sort()).toEqual(plan.assignments.map((a) => a.workload).sort());
      for (const t of model.tiers) {
        const names = t.table.rows.filter((r) => !r.group).map((r) => r.cells[0]);
        for (const n of names) expect(plan.assignments.find((a) => a.workload === n)!.tier).toBe(t.tier);
      }

      // every site of the plan, with its racks: grouped racks add up to the layout
      expect(model.sites.map((s) => s.name)).toEqual(plan.sites.map((s) => s.site));
      for (const s of model.sites) {
        const use = plan.sites.find((u) => u.site === s.name)!;
        expect(s.racks.reduce((n, r) => n + r.count, 0)).toBe(use.racks.length);
      }
      for (const site of input.sites) expect(model.assumptions.sites.rows.some((r) => r.cells[0] === site.name)).toBe(true);

      // appendix: exactly the options of the plan (and their inference APIs) and of the baselines
      const expected = new Set(plan.assignments.map((a) => a.option));
      for (const a of plan.assignments) {
        const o = input.catalog.options.find((x) => x.id === a.option);
        if (o?.kind === 'edge_device' && o.inference_via) expected.add(o.inference_via);
      }
      for (const b of tco.baselines) for (const id of b.options) expected.add(id);
      expect(new Set(model.appendix.options.map((o) => o.id))).toEqual(expected);
      for (const o of model.appendix.options) {
        expect(o.source.length).toBeGreaterThan(0);
        for (const f of o.figures) expect(f.asOf.length).toBeGreaterThan(0);
      }

      // the schedule's "Rented" note says where edge devices' API tokens are (not rentals) exactly
      // when the cost table has that line
      const edgeApi = model.costs.table.rows.some((r) => r.cells[0] === COST_LINE_LABELS.edge_inference);
      expect(model.schedule.notes.some((n) => n.includes(`“${COST_LINE_LABELS.edge_inference}” line`))).toBe(edgeApi);
      // cost table: its total is the undiscounted sum; charts carry H months
      expect(model.costs.table.foot!.at(-1)).toBe(formatMoney(report.totals.undiscounted_usd));
      // … and it adds up as shown, across and down, each year to the plan-year table's total
      const dollars = (c: string) => Number(c.replace(/[$,]/g, '').replace('−', '-'));
      const cost = [...model.costs.table.rows.map((r) => r.cells), model.costs.table.foot!].map((r) => r.slice(1).map(dollars));
      for (const r of cost) expect(r.slice(0, -1).reduce((a, v) => a + v, 0)).toBe(r.at(-1));
      for (let j = 0; j < cost[0]!.length; j++) expect(cost.slice(0, -1).reduce((a, r) => a + r[j]!, 0)).toBe(cost.at(-1)![j]);
      const years = model.schedule.years;
      const total = years.columns.findIndex((c) => c.label.startsWith('Total'));
      expect(years.rows.map((r) => dollars(r.cells[total]!))).toEqual(cost.at(-1)!.slice(0, -1));
      // a figure off its own nearest dollar (a cell, a line's total or a year's) is counted in the
      // note under the table, and only then is there one
      const keyOf = new Map(Object.entries(COST_LINE_LABELS).map(([k, label]) => [label, k as CostLine]));
      let moved = 0;
      const exactRows = model.costs.table.rows.map((r) => {
        const k = keyOf.get(r.cells[0]!)!;
        const xs = cost[0]!.slice(0, -1).map((_, j) => tco.months.slice(j * 12, j * 12 + 12).reduce((a, mo) => a + (mo.lines[k] ?? 0), 0));
        return [...xs, xs.reduce((a, x) => a + x, 0)];
      });
      const exactFoot = exactRows[0]!.map((_, j) => exactRows.reduce((a, r) => a + r[j]!, 0));
      [...exactRows, exactFoot].forEach((r, i) => r.forEach((exact, j) => {
        expect(Math.abs(cost[i]![j]! - exact)).toBeLessThan(1);
        if (Math.abs(cost[i]![j]! - exact) > 0.5 + 1e-6) moved++;
      }));
      // the tiers' figures add up to the cost table's total when every tier with a cost has a section
      const tiersWithCost = new Set(Object.keys(Object.assign({}, ...tco.months.map((mo) => mo.byTier))));
      if (model.tiers.length === tiersWithCost.size && model.tiers.every((t) => tiersWithCost.has(t.tier))) {
        const tierDollars = model.tiers.map((t) => dollars(/(−?\$[\d,]+) over the horizon/.exec(t.summary)![1]!));
        expect(tierDollars.reduce((a, v) => a + v, 0)).toBe(cost.at(-1)!.at(-1));
      }
      if (moved === 0) expect(model.costs.tableNote).toBeNull();
      else expect(model.costs.tableNote).toContain(moved === 1 ? 'one cell is rounded the other way' : `${moved} cells are rounded the other way`);
      expect(model.charts.months).toHaveLength(input.settings.horizon_months);
      expect(model.charts.cumulative[0]!.monthly.reduce((a, b) => a + b, 0)).toBeCloseTo(report.totals.horizon_cost_usd, 4);

      // plain data: survives the JSON transport unchanged
      expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    });
  }
});

describe('sentences and risks', () => {
  const { input, plan } = makeScenario(4, { maxWorkloads: 8, maxSites: 2 });

  it('states the discount rate and the undiscounted total when a rate is set', () => {
    const disc = { ...input, settings: { ...input.settings, discount_rate_pct: 8 } };
    const { model, report } = build(disc, plan);
    expect(model.summary.sentences[0]).toContain('net present cost');
    // no article to get wrong ('at a 8% discount rate')
    expect(model.summary.sentences[0]).toContain('discounted at 8% a year');
    expect(model.summary.sentences[0]).toContain(formatMoney(report.totals.undiscounted_usd));
    expect(model.summary.kpis[0]!.label).toBe('Horizon cost (NPV)');
    const plain = build({ ...input, settings: { ...input.settings, discount_rate_pct: 0 } }, plan).model;
    expect(plain.summary.sentences[0]).not.toContain('discount');
  });

  it('says the cost per M output tokens is undiscounted beside an NPV horizon cost', () => {
    const disc = { ...input, settings: { ...input.settings, discount_rate_pct: 8 } };
    const { model } = build(disc, plan);
    const tile = model.summary.kpis.find((k) => k.label === 'Cost per M output tokens')!;
    expect(tile.note).toMatch(/^undiscounted; /);
    expect(model.summary.sentences[1]).toMatch(/per million \(undiscounted\)\.$/);
    const plain = build({ ...input, settings: { ...input.settings, discount_rate_pct: 0 } }, plan).model;
    expect(plain.summary.kpis.find((k) => k.label === 'Cost per M output tokens')!.note).toBe('all tiers, whole horizon');
    expect(plain.summary.sentences[1]).not.toContain('undiscounted');
  });

  it('writes a rate and the price trends as the exports do, to 2 decimals: 7.25 % is not "7.3%"', () => {
    // the assumptions table and the summary printed the discount rate to 1 decimal where the TCO
    // exports and the what-if notes print 2 (format.ts formatPctPerYear); the trends were not listed
    const s = { ...input.settings, discount_rate_pct: 7.25, hardware_price_change_pct_per_year: -12.35, cloud_price_change_pct_per_year: 0 };
    const { model } = build({ ...input, settings: s }, plan);
    const kv = (label: string) => model.assumptions.settings.find((k) => k.label === label)?.value;
    expect(kv('Discount rate')).toBe('7.25% a year');
    expect(model.summary.sentences[0]).toContain('discounted at 7.25% a year');
    expect(kv('Hardware price trend')).toBe('−12.35% a year');
    expect(kv('Cloud price trend')).toBe('0% a year');
    expect(build({ ...input, settings: { ...s, cloud_price_change_pct_per_year: 8.125 } }, plan).model.assumptions.settings.find((k) => k.label === 'Cloud price trend')?.value).toBe('+8.13% a year');
  });

  it('draws no bar at a cost the plan cannot reach: a case the fixed plan falls short in is not priced', () => {
    // bench/trust.ts replicas-4: growth +20 % was drawn at +$107,658 where the fixed plan cannot
    // serve the demand (the missed demand is in no line), and ranked by that figure
    const report = computeTco(input, plan);
    const sens = sensitivity(input, plan);
    const short = { ...sens, rows: sens.rows.map((r) => (r.driver === 'growth' ? { ...r, high: { ...r.high, horizon_cost_usd: sens.base_usd * 3, covers_demand: false }, low: { ...r.low, covers_demand: true } } : r)) };
    const model = buildReportModel({ input, plan, tco: fromTcoEngine(report, baselineComparisons(input, plan, report), short), meta: META });
    const bar = model.charts.tornado.find((t) => t.label.startsWith('Demand growth'))!;
    expect(bar.highUsd).toBeNull();
    expect(bar.lowUsd).toBe(sens.rows.find((r) => r.driver === 'growth')!.low.horizon_cost_usd);
    // ranked by the case it prices, not by the 3× figure
    const swing = (t: typeof bar) => Math.abs((t.highUsd ?? t.baseUsd) - (t.lowUsd ?? t.baseUsd));
    for (let i = 1; i < model.charts.tornado.length; i++) expect(swing(model.charts.tornado[i - 1]!)).toBeGreaterThanOrEqual(swing(model.charts.tornado[i]!));
  });

  it("names a price-trend row by the yearly rates it moved to, with the app's words and legend", () => {
    // the PDF read "Hardware price trend" under a "−20% / +20%" legend, its "−20%" bar the −24 %/yr case
    const s = { ...input.settings, hardware_price_change_pct_per_year: -20 };
    const sens = sensitivity({ ...input, settings: s }, plan);
    const { model } = build({ ...input, settings: s }, plan);
    const row = sens.rows.find((r) => r.driver === 'hardware_trend')!;
    const bar = model.charts.tornado.find((t) => t.label.startsWith('Hardware price trend'))!;
    expect(bar.label).toMatch(/^Hardware price trend.* \(−24%\/yr \/ −16%\/yr\)$/);
    expect(bar.label).toBe(tornadoRowWords(row, sens.pct).label);
    expect(model.charts.tornadoLegend).toEqual(tornadoLegend(sens.rows, sens.pct));
    expect(model.charts.tornadoLegend![0]).toMatch(/^Low case \(−20%; trends: rate on the row\)$/);
    // the notes name the driver alone
    expect(model.charts.tornadoNotes.some((n) => n.startsWith('Hardware price trend: hardware prices change −24%'))).toBe(true);
  });

  it('the horizon cost KPI says "net of residual value" only when the residual value is credited', () => {
    const on = oneUnitPlan({}, { horizon_months: 12, residual_value: true });
    const off = oneUnitPlan({}, { horizon_months: 12, residual_value: false });
    expect(on.report.totals.residual_credit_usd).toBeLessThan(0);
    expect(on.model.summary.kpis[0]!.note).toBe('12 months, net of residual value');
    expect(off.model.summary.kpis[0]!.note).toBe('12 months');
  });

  it('the horizon cost KPI says "net of residual value" only when there is a credit: an all-API plan has none to net', () => {
    const apiOnly = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 1, peak_to_avg: 1 }], settings: { horizon_months: 12, residual_value: true } });
    const { model, report } = build(apiOnly, planFromAssignments(apiOnly, [assign(apiOnly, 'W', 'A')]));
    expect(report.totals.residual_credit_usd).toBe(0);
    expect(model.summary.kpis[0]!.note).toBe('12 months');
  });

  it('says "saves" against a dearer baseline and "more" against a cheaper one', () => {
    const { base, tco } = withBaselines(input, plan, (horizon) => [
      { id: 'api', label: 'All on token APIs', cost: horizon * 2, breakevenMonth: 3 },
      { id: 'system', label: 'One system type', cost: horizon / 2, breakevenMonth: null },
    ]);
    const model = buildReportModel({ input, plan, tco, meta: META });
    const s3 = model.summary.sentences[2]!;
    expect(s3).toContain(`Against “All on token APIs” the plan saves ${formatMoney(base.horizonCostUsd)}`);
    expect(s3).toContain(`breaks even in ${monthName(addMonths(input.settings.start_month, 3))}`);
    expect(s3).toContain(`against “One system type” the plan costs ${formatMoney(base.horizonCostUsd / 2)}`);
    // the share is of the baseline's cost, and says so (a bare "(50%)" reads as a share of the plan):
    // in the summary and beside "Baseline − plan" in the baselines table
    expect(s3).toContain(`the plan saves ${formatMoney(base.horizonCostUsd)} (50% of the baseline)`);
    expect(s3).toContain(`costs ${formatMoney(base.horizonCostUsd / 2)} (100% of the baseline) more`);
    const diffCol = model.costs.baselines.columns.findIndex((c) => c.label.startsWith('Baseline − plan'));
    expect(model.costs.baselines.rows.slice(1).map((r) => r.cells[diffCol])).toEqual([
      `${formatMoney(base.horizonCostUsd)} (50% of the baseline)`,
      `${formatMoney(-base.horizonCostUsd / 2)} (−100% of the baseline)`,
    ]);
    // the saving KPI is against the cheapest baseline, and says the plan costs more
    const kpi = model.summary.kpis.find((k) => k.label.startsWith('Saving vs'))!;
    expect(kpi.tone).toBe('bad');
  });

  it('the alternatives table gives no break-even month against a baseline costing the same, and "from the start" against one the plan never costs more than', () => {
    const { tco } = withBaselines(input, plan, (horizon) => [
      { id: 'api', label: 'All on token APIs', cost: horizon, breakevenMonth: 0 },
      { id: 'system', label: 'One system type', cost: horizon * 2, breakevenMonth: 0 },
    ]);
    const model = buildReportModel({ input, plan, tco, meta: META });
    const col = model.costs.baselines.columns.findIndex((c) => c.label === 'Break-even');
    expect(model.costs.baselines.rows.slice(1).map((r) => r.cells[col])).toEqual(['same cost', `from the start (${monthName(input.settings.start_month)})`]);
    expect(model.summary.sentences[2]).toContain('Against “All on token APIs” the plan costs the same');
  });

  it('a saving that comes only from the last month\'s residual credit says so, with what the plan costs more without it', () => {
    // one $120,000 system bought in month 0 (credit $96,000 in month 11) against tokens at about
    // $5,000 a month: the plan is dearer every month but the last
    const input = makeInput({
      options: [system('S'), api('A', 3.2, 0)],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1 }],
      sites: [{ name: 'F', it_power_kw: 1000, racks: 50, rack_kw: 20 }],
      settings: { horizon_months: 12, residual_value: true, discount_rate_pct: 0, start_month: '2027-01' },
    });
    const plan = planFromAssignments(input, [assign(input, 'W', 'S', 'F')]);
    const { model, report } = build(input, plan);
    const b = baselineComparisons(input, plan, report).find((x) => x.baseline.id === 'api')!;
    expect(b.break_even?.month).toBe(11);
    const more = report.totals.horizon_cost_usd - report.totals.residual_credit_usd - b.baseline.report!.totals.horizon_cost_usd;
    expect(more).toBeGreaterThan(0);
    expect(model.summary.sentences[2]).toContain(`breaks even only in Dec 2027, the horizon's last month, through the residual credit booked then: without residual credits it would cost ${formatMoney(more)} more`);
    // the saving KPI (against the cheapest baseline: here the same plan on one system type) says so too
    const { tco } = build(input, plan);
    const apiOnly = buildReportModel({ input, plan, tco: { ...tco, baselines: tco.baselines.filter((x) => x.id === 'api') }, meta: META });
    expect(apiOnly.summary.kpis.find((k) => k.label.startsWith('Saving vs'))?.note).toBe('break-even Dec 2027 (last month, by the residual credit)');
    // without the credit's help (a dearer API) the sentence is the plain one
    const dear = { ...input, catalog: { ...input.catalog, options: input.catalog.options.map((o) => (o.kind === 'cloud_api' ? { ...o, usd_per_m_output: 20 } : o)) } };
    expect(build(dear, plan).model.summary.sentences[2]).not.toContain('through the residual credit');
  });

  it('a cheaper baseline that ignores placement and tiers says so in the sentence and the saving KPI (it did not)', () => {
    // W must stay on-prem; the API is far cheaper: baseline (a) moves W there anyway
    const input = makeInput({
      options: [system('S'), api('A', 0.01, 0)],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1, placement: 'onprem' }],
      sites: [{ name: 'F', it_power_kw: 1000, racks: 50, rack_kw: 20 }],
      settings: { horizon_months: 12 },
    });
    const plan = planFromAssignments(input, [assign(input, 'W', 'S', 'F')]);
    const { model, tco } = build(input, plan);
    expect(model.summary.sentences[2]).toMatch(/Against “All on token APIs” the plan costs \$[0-9,]+ \([0-9.,]+% of the baseline\) more over 12 months, but that baseline ignores placement and tiers \(1 workload \(W\) goes where its placement or tiers rule out\)/);
    const apiOnly = buildReportModel({ input, plan, tco: { ...tco, baselines: tco.baselines.filter((x) => x.id === 'api') }, meta: META });
    expect(apiOnly.summary.kpis.find((k) => k.label.startsWith('Saving vs'))?.note).toBe('plan costs more; the baseline ignores placement or tiers');
    expect(model.costs.notes).toContain('All on token APIs: placement and tiers ignored: 1 workload (W) goes where its placement or tiers rule out');
  });

  it('a cheaper baseline that breaks a budget says so in the sentence and the saving KPI', () => {
    const report = computeTco(input, plan);
    const base = fromTcoEngine(report, [], sensitivity(input, plan));
    const H = input.settings.horizon_months;
    const over = 'capex budget ignored (plan year 1 buys $200,000)';
    const baseline = { id: 'system', label: 'One system type', available: true, horizonCostUsd: base.horizonCostUsd / 2, monthlyUsd: Array.from({ length: H }, () => base.horizonCostUsd / 2 / H), breakevenMonth: null, options: [] };
    const within = buildReportModel({ input, plan, tco: { ...base, baselines: [baseline] }, meta: META });
    const broken = buildReportModel({ input, plan, tco: { ...base, baselines: [{ ...baseline, overBudget: over }] }, meta: META });
    expect(within.summary.sentences[2]).not.toContain('breaks the budget');
    expect(broken.summary.sentences[2]).toContain(`more over ${H} months, but that baseline breaks the budget (${over})`);
    const kpi = (m: typeof within) => m.summary.kpis.find((k) => k.label.startsWith('Saving vs'))!.note;
    expect(kpi(within)).toBe('plan costs more');
    expect(kpi(broken)).toBe('plan costs more; the baseline breaks the budget');
  });

  it('a lopsided baseline is explained, not headlined as a saving', () => {
    const report = computeTco(input, plan);
    const base = fromTcoEngine(report, [], sensitivity(input, plan));
    const H = input.settings.horizon_months;
    const why = 'a lopsided comparison: only CS-3 serves all 12 workloads, because 1 of them (voice) fits no H100';
    const tco: ReportTco = {
      ...base,
      baselines: [{ id: 'system', label: 'One system type', available: true, horizonCostUsd: base.horizonCostUsd * 20, monthlyUsd: Array.from({ length: H }, () => base.horizonCostUsd * 20 / H), breakevenMonth: 0, options: [], lopsided: why }],
    };
    const model = buildReportModel({ input, plan, tco, meta: META });
    const s3 = model.summary.sentences[2]!;
    expect(s3).not.toMatch(/saves/);
    expect(s3).toContain(why);
    expect(model.summary.kpis.some((k) => k.label.startsWith('Saving vs'))).toBe(false);
    expect(model.costs.notes.join(' ')).toContain(why);
  });

  it('says under the unserved workloads where every option of a reason cut short is listed, and only when one is', async () => {
    const { candidatesV2 } = await import('../sizing.ts');
    const { noCandidateWhy } = await import('../optimizer/explain.ts');
    const input = makeInput({
      options: ['S1', 'S2', 'S3', 'S4'].map((id) => system(id)),
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 10, peak_to_avg: 1 }, { name: 'X', model: 'm', avg_output_tps: 10, peak_to_avg: 1, tiers: ['premium'] }],
      sites: [{ name: 'F', it_power_kw: 1000, racks: 50, rack_kw: 20 }],
      settings: { horizon_months: 12, unserved_penalty_usd_per_month: 1 },
    });
    const x = candidatesV2(input)[1]!;
    const reason = noCandidateWhy(x, input);
    expect(reason).toBe('nothing can serve m — tiers premium exclude 4 options (S1, S2 and 2 more)');
    const base = planFromAssignments(input, [assign(input, 'W', 'S1', 'F')]);
    const note = (r: string) => build(input, { ...base, unserved: [{ workload: 'X', period: 0, reason: r }] }).model.unservedNote;
    expect(note(reason)).toBe('Where a reason names a few options and counts the rest, those named are the most telling: Results lists every option under the reason, and fleetplan optimize PLAN --json OUT writes the reasons in full.');
    // a reason named in full, or another reason: nothing to add
    expect(note(noCandidateWhy(x, input, { full: true }))).toBeNull();
    expect(note('within the site and budget limits, serving it costs more than its unserved penalty')).toBeNull();
  });

  it('the unserved risk says "each" of a penalty only for several workloads', () => {
    const input = makeInput({
      options: [api('A', 1, 0)],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 10 }, { name: 'X', model: 'm', avg_output_tps: 10 }, { name: 'Y', model: 'm', avg_output_tps: 10 }],
      settings: { horizon_months: 12, unserved_penalty_usd_per_month: 5000 },
    });
    const left = (names: string[]) => {
      const plan = planFromAssignments(input, input.workloads.filter((w) => !names.includes(w.name)).map((w) => assign(input, w.name, 'A')));
      const { model } = build(input, { ...plan, unserved: names.map((workload) => ({ workload, period: 0, reason: 'too dear' })) });
      return model.risks.find((r) => r.title.includes('not served'))!.detail;
    };
    expect(left(['X'])).toBe('X: the plan leaves it without capacity (reasons in the table below); the penalty of $5,000 a month is not part of the horizon cost.');
    expect(left(['X', 'Y'])).toBe('X, Y: the plan leaves them without capacity (reasons in the table below); the penalty of $5,000 a month each is not part of the horizon cost.');
  });

  it('an unavailable baseline is named with its reason, not priced', () => {
    const report = computeTco(input, plan);
    const tco: ReportTco = {
      ...fromTcoEngine(report, [], sensitivity(input, plan)),
      baselines: [{ id: 'system', label: 'One system type', available: false, note: 'no system serves every workload', horizonCostUsd: null, monthlyUsd: [], breakevenMonth: null, options: [] }],
    };
    const model = buildReportModel({ input, plan, tco, meta: META });
    expect(model.summary.sentences[2]).toContain('could not be priced (no system serves every workload)');
    expect(model.costs.baselines.rows[1]!.cells[1]).toBe('not applicable');
  });

  it('lists unserved workloads, a time-limited solve, binding constraints and a stale plan as risks', () => {
    const w = input.workloads[0]!.name;
    const risky: PlanResult = {
      ...plan,
      status: 'time_limit',
      gap: 0.0123,
      bound_usd: 1e6,
      assignments: plan.assignments.filter((a) => a.workload !== w),
      unserved: [{ workload: w, period: 0, reason: 'no candidate meets its latency' }],
      binding: [{ constraint: 'site power', detail: 'The IT power of dc-1 (400 kW) costs $120k over the horizon', cost_usd: 120_000 }],
      stopped_by: 'user',
    };
    const { model } = build(input, risky, { stale: true });
    expect(model.risks.find((r) => r.title === 'Not proven optimal')!.detail).toContain('stopped by the user');
    expect(model.binding.rows[0]!.cells).toEqual(['Site power', 'The IT power of dc-1 (400 kW) costs $120k over the horizon']);
    // a plan solved before binding limits were checked: a full site is not called binding
    const legacy = build(input, { ...risky, binding: [{ constraint: 'site power', detail: 'dc-1 uses all 400 kW' }] }, {}).model;
    expect(legacy.risks.map((r) => r.title)).toContain('Site power at its limit');
    expect(legacy.risks.map((r) => r.title)).not.toContain('Binding: site power');
    // a capex budget that is used up but not binding is not reported as a cost
    const budget = build({ ...input, settings: { ...input.settings, capex_budget_usd: 1 } }, { ...plan, binding: [], binding_note: 'lifting the capex budget of $1 would not lower the cost' }, {}).model;
    expect(budget.risks.map((r) => r.title).join()).not.toMatch(/budget/i);
    expect(budget.bindingNote).toBe('None: lifting the capex budget of $1 would not lower the cost.');
    const titles = model.risks.map((r) => r.title);
    expect(titles).toContain('1 workload not served');
    expect(model.risks.find((r) => r.title === '1 workload not served')!.detail).toContain(w);
    expect(titles).toContain('Not proven optimal');
    expect(titles).toContain('Binding: Site power');
    expect(titles).toContain('Plan is out of date');
    expect(model.risks.find((r) => r.title === 'Not proven optimal')!.detail).toContain('1.23%');
    expect(model.unserved.rows.map((r) => r.cells[0])).toEqual([w]);
    expect(model.meta.stale).toBe(true);
    expect(model.summary.kpis.some((k) => k.label === 'Unserved workloads' && k.value === '1')).toBe(true);
    expect(model.summary.sentences[0]).toContain(`${risky.assignments.length} of ${input.workloads.length} workloads`);
  });

  it('an earlier plan of the scenario says it is not the latest run (its CSV did, its PDF read as the plan)', () => {
    const older = build(input, plan, { olderPlan: true, solvedAt: '2026-11-20T09:00:00.000Z' }).model;
    expect(older.meta.olderPlan).toBe(true);
    expect(older.risks.find((r) => r.title === 'Not the latest run')!.detail).toBe('This is an earlier plan of scenario “Base”, solved 20 Nov 2026; the scenario has been optimised again since.');
    // the cover's "Plan solved" in the form of its "Date" above it, not "2026-11-20 09:00 UTC"
    expect(older.meta.solvedText).toBe('20 Nov 2026, 09:00 UTC');
    const latest = build(input, plan).model;
    expect(latest.meta.olderPlan).toBe(false);
    expect(latest.meta.solvedText).toBeNull();
    expect(latest.risks.map((r) => r.title)).not.toContain('Not the latest run');
  });

  it('a search stopped before any bound was proven gives no gap: not "gap 0%" nor "at most 0% below"', () => {
    const stopped: PlanResult = { ...plan, status: 'time_limit', gap: null, bound_usd: null, stopped_by: 'user' };
    const { model } = build(input, stopped);
    const risk = model.risks.find((r) => r.title === 'Not proven optimal')!.detail;
    expect(risk).toBe('The search was stopped by the user; a cheaper plan may exist: no lower bound was proven, so by how much is not known.');
    expect(model.meta.statusText).toBe('Stopped by the user: best plan so far (no lower bound proven)');
    expect(build(input, { ...stopped, gap: 0.0052, bound_usd: 1e6, stopped_by: 'time_limit' }).model.meta.statusText).toBe('Best plan found within the time limit (gap 0.52% to the proven bound)');
    // a plan stopped before any bound carries the bound $0 and gap 1 (a number for scripts): it reads as no bound proven
    const zero = build(input, { ...stopped, gap: 1, bound_usd: 0 }).model;
    expect(zero.meta.statusText).toBe('Stopped by the user: best plan so far (no lower bound proven)');
    expect(zero.risks.find((r) => r.title === 'Not proven optimal')!.detail).toMatch(/no lower bound was proven/);
  });
});

describe('helpers', () => {
  it('addMonths and monthName count calendar months', () => {
    expect(addMonths('2026-11', 0)).toBe('2026-11');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', 35)).toBe('2028-12');
    expect(monthName('2027-01')).toBe('Jan 2027');
  });

  it('groupRacks merges identical racks only', () => {
    const r = (option: string, models: string[], spans?: number) => ({
      option,
      units: models.map((model) => ({ option, model })),
      u_used: models.length * 8,
      kw_used: models.length * 10,
      spans: spans ?? 1,
    });
    const groups = groupRacks([r('a', ['m', 'm']), r('a', ['m', 'm']), r('a', ['m']), r('b', ['m', 'm']), r('a', ['m', 'm'], 2)]);
    expect(groups.map((g) => g.count)).toEqual([2, 1, 1, 1]);
  });
});

describe('buildReportModel on phased plans', () => {
  for (const seed of [3, 7, 11, 19]) {
    it(`seed ${seed}: the schedule section carries every period and the fleet sections the last one`, async () => {
      const { randomPhasedPlan } = await import('../schedule/phased-plan.test-helper.ts');
      const { buildSchedule, scheduleShown } = await import('../schedule/schedule.ts');
      const { input, plan } = randomPhasedPlan(seed);
      const { model, report } = build(input, plan);
      const schedule = buildSchedule(input, plan, report);
      // one group row per period, named with its calendar months, capex as the schedule's
      const groups = model.schedule.table.rows.filter((r) => r.group).map((r) => r.cells[0]!);
      expect(groups.map((g) => g.split(' · ')[0])).toEqual(schedule.periods.map((p) => p.name));
      schedule.periods.forEach((p, k) => {
        if (p.capex_usd > 0) expect(groups[k]).toContain(`${formatMoney(p.capex_usd)} capex`);
      });
      // the horizon's capex and replacements as the plan-year table's foot gives them
      const foot = (label: string) => model.schedule.years.foot![model.schedule.years.columns.findIndex((c) => c.label === label)] ?? formatMoney(0);
      expect(model.schedule.table.foot![3]).toBe(`${formatMoney(report.totals.capex_usd)} · ${foot('Replacements')}`);
      expect(foot('Capex (purchases)')).toBe(formatMoney(report.totals.capex_usd));
      expect(model.summary.buys).toBe(schedule.summary);
      // the tier tables list each served workload once: where it runs in the last period
      const last = plan.periods.at(-1)!.period;
      expect(bodyRows(model).map((r) => r.cells[0]).sort()).toEqual(plan.assignments.filter((a) => a.period === last).map((a) => a.workload).sort());
      expect(model.shownPeriod).toBe(schedule.periods.at(-1)!.name);
      // cost by plan year adds up to the undiscounted horizon cost
      expect(model.schedule.years.rows).toHaveLength(3);
      // capital expenditure is named by when it is spent, as the schedule has it
      const rounds = schedule.periods.filter((p) => p.capex_usd > 0);
      if (rounds.length > 1) expect(model.summary.sentences[0]).toContain(`in ${rounds.length} purchase rounds`);
      else if (rounds.length === 1 && rounds[0]!.period > 0) {
        expect(model.summary.sentences[0]).toContain(`capital expenditure in ${rounds[0]!.starts}`);
        expect(model.summary.sentences[0]).not.toContain('up-front');
      }
    });
  }

  it('a workload unserved in one period only is not counted as served, and is counted once', async () => {
    const { randomPhasedPlan } = await import('../schedule/phased-plan.test-helper.ts');
    const { input, plan } = randomPhasedPlan(3);
    const lastPeriod = plan.periods.at(-1)!.period;
    const w = plan.assignments.find((a) => a.period === lastPeriod)!.workload;
    // w left without capacity in the last period only; a second workload unserved in every period
    const other = input.workloads.find((x) => x.name !== w)!.name;
    const partial: PlanResult = {
      ...plan,
      assignments: plan.assignments.filter((a) => !(a.workload === w && a.period === lastPeriod) && a.workload !== other),
      unserved: [
        { workload: w, period: lastPeriod, reason: 'no capacity' },
        ...plan.periods.map((p) => ({ workload: other, period: p.period, reason: 'no capacity' })),
      ],
    };
    expect(plan.periods.length).toBeGreaterThan(1);
    const { model } = build(input, partial);
    const n = input.workloads.length;
    expect(model.summary.sentences[0]).toContain(`serves ${n - 2} of ${n} workloads in every period (2 are left unserved in at least one period)`);
    expect(model.summary.sentences[0]).not.toContain(`all ${n}`);
    expect(model.summary.kpis.find((k) => k.label === 'Unserved workloads')!.value).toBe('2');
    expect(model.risks.map((r) => r.title)).toContain('2 workloads not served in every period');
  });

  it('a plan serving no workload says so, not "0 of 5 workloads in every period (5 are left unserved …)"', async () => {
    const { randomPhasedPlan } = await import('../schedule/phased-plan.test-helper.ts');
    const { input, plan } = randomPhasedPlan(3);
    const n = input.workloads.length;
    const none = (periods: typeof plan.periods): PlanResult => ({
      ...plan, assignments: [], purchases: [], pools: [], cloud: [], edge: [],
      unserved: input.workloads.flatMap((w) => periods.map((p) => ({ workload: w.name, period: p.period, reason: 'no capacity' }))),
    });
    const { model } = build(input, none(plan.periods));
    expect(model.summary.sentences[0]).toContain(`the plan serves none of its ${n} workloads (each is left unserved in every period)`);
    // no fleet: the fleet section does not say which period shows it "when the fleet is largest"
    expect(model.tiers).toEqual([]);
    expect(model.fleetShownPeriod).toBeNull();
    expect(model.shownPeriod).not.toBeNull();
    expect(build(input, plan).model.fleetShownPeriod).toBe(build(input, plan).model.shownPeriod);
    expect(build(input, none(plan.periods.slice(1))).model.summary.sentences[0]).toContain(`the plan serves none of its ${n} workloads (each is left unserved in at least one period)`);
  });
});

describe('what the plan commits to, over every period', () => {
  it('lists an option the plan uses only before its last period, with its money from every period', async () => {
    // 36 months in three plan years: U on API A throughout, V on API B in year 1 only (ctx.plan, the
    // last period, holds no B: the list used to drop it and its 12 months of tokens)
    const input = makeInput({
      options: [api('A', 1, 0), api('B', 4, 0)],
      workloads: [{ name: 'U', model: 'm', avg_output_tps: 10 }, { name: 'V', model: 'm', avg_output_tps: 50 }],
      settings: { horizon_months: 36, purchase_interval_months: 12 },
    });
    const plan = {
      ...planFromAssignments(input, [0, 1, 2].map((period) => ({ ...assign(input, 'U', 'A'), period })).concat([{ ...assign(input, 'V', 'B'), period: 0 }])),
      unserved: [{ workload: 'V', period: 1, reason: 'too dear' }, { workload: 'V', period: 2, reason: 'too dear' }],
    } as PlanResult;
    const { model, report } = build(input, plan);
    const { buildSchedule } = await import('../schedule/schedule.ts');
    const rent = (id: string) => buildSchedule(input, plan, report).periods.flatMap((p) => p.sites.flatMap((s) => s.rented)).filter((r) => r.option === id).reduce((a, r) => a + r.usd, 0);
    const b = model.summary.decisions.find((d) => d.text.startsWith('Contract B '));
    expect(b, 'the API of the first year only is a commitment').toBeDefined();
    expect(b!.text).toBe('Contract B for 1 workload');
    expect(b!.amount).toBe(`${formatMoney(rent('B'))} over 12 months, Jan 2026 – Dec 2026`);
    expect(model.summary.decisions.find((d) => d.text.startsWith('Contract A '))!.amount).toBe(`${formatMoney(rent('A'))} over 36 months`);
  });

  for (const seed of [3, 7, 11, 19]) {
    it(`seed ${seed}: every option of any period is listed or counted, systems at the schedule's capex`, async () => {
      const { randomPhasedPlan } = await import('../schedule/phased-plan.test-helper.ts');
      const { buildSchedule, scheduleShown } = await import('../schedule/schedule.ts');
      const { input, plan } = randomPhasedPlan(seed);
      const { model, report } = build(input, plan);
      const used = new Set(plan.assignments.map((a) => a.option));
      expect(model.summary.decisions.length + model.summary.moreDecisions).toBe(used.size);
      // the schedule's lines as section 02 prints them: the commitments add them up
      const sites = reportFigures(fromTcoEngine(report), buildSchedule(input, plan, report), input.settings).schedule.periods.flatMap((p) => p.sites);
      const usd = (items: { option: string; usd: number }[], id: string) => items.filter((b) => b.option === id).reduce((a, b) => a + b.usd, 0);
      for (const o of input.catalog.options) {
        if (o.kind !== 'system' || !used.has(o.id)) continue;
        const d = model.summary.decisions.find((x) => x.text.includes(`× ${o.name} at `));
        const replaced = usd(sites.flatMap((s) => s.replaced), o.id);
        // the capex, and the replacements beside it when there are any
        if (d) expect(d.amount).toBe(`${formatMoney(usd(sites.flatMap((s) => s.bought), o.id))} capex${replaced > 0 ? ` + ${formatMoney(replaced)} replacements` : ''}`);
        // every purchase of a phased plan is dated, the first period's too, and so is every replacement
        if (d && plan.periods.length > 1) expect(d.text).toMatch(replaced > 0 ? /; replace.* [A-Z][a-z]{2} \d{4}$/ : / in [A-Z][a-z]{2} \d{4}\)?$/);
      }
    });
  }
});

describe('what the commitments\' amounts are', () => {
  it('says they are paid amounts, undiscounted and before the residual credit, where the horizon cost is not', () => {
    // a system of a 60-month life in a 36-month horizon: a residual credit; its line read "$… capex"
    // beside a horizon cost net of that credit, with no word on which the amount is
    const credit = oneUnitPlan({ lifetime_months: 60 }, { horizon_months: 36, residual_value: true });
    const residual = credit.report.months.reduce((a, m) => a + m.lines.residual_credit, 0);
    expect(residual).toBeLessThan(0);
    expect(credit.model.summary.decisionsNote).toBe(`Amounts as paid, before the ${formatMoney(-residual)} residual credit.`);
    const both = oneUnitPlan({ lifetime_months: 60 }, { horizon_months: 36, residual_value: true, discount_rate_pct: 8 }).model.summary;
    expect(both.decisionsNote).toBe(`Amounts as paid (undiscounted), before the ${formatMoney(-residual)} residual credit.`);
    // the amounts are what the horizon cost counts: nothing to say
    expect(oneUnitPlan({ lifetime_months: 60 }, { horizon_months: 36, residual_value: false }).model.summary.decisionsNote).toBeNull();
    expect(oneUnitPlan({ lifetime_months: 60 }, { horizon_months: 36, residual_value: false, discount_rate_pct: 8 }).model.summary.decisionsNote).toBe('Amounts as paid (undiscounted).');
  });
});

describe('the procurement schedule table', () => {
  for (const seed of [3, 7, 11, 19, 23]) {
    it(`seed ${seed}: each period's lines add up to the capex, replacements and rented figures its heading gives`, async () => {
      const { randomPhasedPlan } = await import('../schedule/phased-plan.test-helper.ts');
      const { input, plan } = randomPhasedPlan(seed);
      const { model } = build(input, plan);
      const dollars = (c: string) => Number(c.replace(/[$,]/g, ''));
      let heading: string | null = null;
      let sums = { capex: 0, replacements: 0, rented: 0 };
      const check = () => {
        if (heading == null) return;
        for (const k of ['capex', 'replacements', 'rented'] as const) {
          const m = new RegExp(`\\$([\\d,]+) ${k}`).exec(heading);
          expect(sums[k], `${heading}: ${k}`).toBe(m ? dollars(m[1]!) : 0);
        }
      };
      for (const r of model.schedule.table.rows) {
        if (r.group) {
          check();
          heading = r.cells[0]!;
          sums = { capex: 0, replacements: 0, rented: 0 };
          continue;
        }
        const what = r.cells[1]!;
        const k = what.startsWith('Buy ') ? 'capex' : what.startsWith('Replace ') ? 'replacements' : what.startsWith('Rent ') || what.startsWith('Tokens: ') ? 'rented' : null;
        if (k) sums[k] += dollars(r.cells[3]!);
      }
      check();
    });
  }
});

describe('the procurement schedule against the cost by line and year', () => {
  // the two tables round one set of whole dollars: over the months both cover (a period that is a
  // plan year, two half-year periods of one, or the horizon of 18-month periods), a line's amounts
  // in the schedule add up to its cells in the cost table, and the periods' capex and replacements
  // to the plan-year table's (a year's token rentals read $457,148 + $30,477 = $487,625 in the
  // schedule beside "API tokens" $487,624 in the cost table)
  for (const seed of Array.from({ length: 24 }, (_, i) => i)) {
    it(`seed ${seed}: what the schedule shows of a cost line adds up to the cost table's cells for the same months`, async () => {
      const { randomPhasedPlan } = await import('../schedule/phased-plan.test-helper.ts');
      const { scheduleRuns } = await import('../schedule/schedule.ts');
      const { input, plan } = randomPhasedPlan(seed);
      const { model, report } = build(input, plan);
      const exact = buildSchedule(input, plan, report);
      const H = input.settings.horizon_months;
      const dollars = (c: string) => Number(c.replace(/[$,]/g, '').replace('−', '-'));
      const lines = ['system_capex', 'system_replacement', 'cloud_instances', 'api_tokens', 'edge_capex'] as const;
      type Line = (typeof lines)[number];
      // the schedule's amounts by line and month it starts in
      const runs = scheduleRuns(exact, exact.periods);
      const bySpan: { start: number; end: number; usd: Record<Line | 'capex' | 'replacements', number> }[] = [];
      let run = -1;
      for (const r of model.schedule.table.rows) {
        if (r.group) {
          run++;
          const ps = runs[run]!.periods;
          const capex = /\$([\d,]+) capex/.exec(r.cells[0]!), repl = /\$([\d,]+) replacements/.exec(r.cells[0]!);
          bySpan.push({ start: ps[0]!.start_month, end: ps.at(-1)!.start_month + ps.at(-1)!.months, usd: { system_capex: 0, system_replacement: 0, cloud_instances: 0, api_tokens: 0, edge_capex: 0, capex: capex ? dollars(capex[1]!) : 0, replacements: repl ? dollars(repl[1]!) : 0 } });
          continue;
        }
        const [where, what, , amount] = r.cells as [string, string, string, string];
        const line: Line | null = where === 'endpoints' ? 'edge_capex' : what.startsWith('Tokens: ') ? 'api_tokens' : what.startsWith('Rent ') ? 'cloud_instances'
          : what.startsWith('Buy ') ? 'system_capex' : what.startsWith('Replace ') ? 'system_replacement' : null;
        if (line) bySpan.at(-1)!.usd[line] += dollars(amount);
      }
      // the months both tables cover: from one boundary both have to the next
      const bounds = [...new Set([...bySpan.map((x) => x.start), ...Array.from({ length: Math.ceil(H / 12) }, (_, y) => y * 12)])].sort((a, b) => a - b)
        .filter((b) => bySpan.some((x) => x.start === b) && b % 12 === 0);
      const cost = (label: string) => model.costs.table.rows.find((r) => r.cells[0] === label)?.cells.slice(1, -1).map(dollars) ?? [];
      const years = model.schedule.years;
      const yearCol = (label: string) => { const j = years.columns.findIndex((c) => c.label === label); return years.rows.map((r) => (j < 0 || r.cells[j] === '—' ? 0 : dollars(r.cells[j]!))); };
      let compared = 0;
      bounds.forEach((a, i) => {
        const b = bounds[i + 1] ?? H;
        const inSpan = bySpan.filter((x) => x.start >= a && x.start < b);
        const ys = Array.from({ length: Math.ceil(H / 12) }, (_, y) => y).filter((y) => y * 12 >= a && y * 12 < b);
        const cells = (xs: number[]) => ys.reduce((t, y) => t + (xs[y] ?? 0), 0);
        for (const l of lines) {
          expect(inSpan.reduce((t, x) => t + x.usd[l], 0), `months ${a}–${b - 1}: ${l}`).toBe(cells(cost(COST_LINE_LABELS[l])));
          compared++;
        }
        expect(inSpan.reduce((t, x) => t + x.usd.capex, 0), `months ${a}–${b - 1}: capex`).toBe(cells(yearCol('Capex (purchases)')));
        expect(inSpan.reduce((t, x) => t + x.usd.replacements, 0), `months ${a}–${b - 1}: replacements`).toBe(cells(yearCol('Replacements')));
      });
      expect(compared).toBeGreaterThan(0);
    });
  }
});

describe('the procurement schedule of monthly purchases', () => {
  it('reads consecutive periods with nothing bought, replaced or rented as one run', async () => {
    // bought monthly: S in Jan 2026 serves W all year; Feb–Dec buy, replace and rent nothing
    const input = makeInput({
      options: [system('S')],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 10 }],
      sites: [{ name: 'dc', it_power_kw: 100, racks: 4 }],
      settings: { horizon_months: 12, purchase_interval_months: 1 },
    });
    const plan = planFromAssignments(input, Array.from({ length: 12 }, (_, period) => ({ ...assign(input, 'W', 'S', 'dc'), period })));
    const { model, report } = build(input, plan);
    const { buildSchedule } = await import('../schedule/schedule.ts');
    const names = buildSchedule(input, plan, report).periods.map((p) => p.name);
    expect(names).toHaveLength(12);
    const groups = model.schedule.table.rows.filter((r) => r.group).map((r) => r.cells[0]!);
    expect(groups).toEqual([`${names[0]} · ${formatMoney(120_000)} capex`, 'P2–P12 Feb 2026 – Dec 2026 · no purchases']);
    expect(names[1]).toBe('P2 Feb 2026');
    expect(model.schedule.table.rows.filter((r) => r.cells[1] === 'nothing bought, replaced or rented')).toHaveLength(1);
  });
});

describe('unserved workloads of a phased plan', () => {
  it('list every period a workload is left out in, not only the first, and one left out throughout is not "not served in every period"', () => {
    // 36 months in three plan years; W left out in every period, V on the API in year 1 only, U throughout
    const input = makeInput({
      options: [api('A', 1, 0)],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 10 }, { name: 'V', model: 'm', avg_output_tps: 10 }, { name: 'U', model: 'm', avg_output_tps: 10 }],
      settings: { horizon_months: 36, purchase_interval_months: 12 },
    });
    const plan = {
      ...planFromAssignments(input, [0, 1, 2].map((period) => ({ ...assign(input, 'U', 'A'), period })).concat([{ ...assign(input, 'V', 'A'), period: 0 }])),
      unserved: [
        { workload: 'W', period: 0, reason: 'no fit' }, { workload: 'W', period: 1, reason: 'no fit' }, { workload: 'W', period: 2, reason: 'no fit' },
        { workload: 'V', period: 1, reason: 'too dear' }, { workload: 'V', period: 2, reason: 'too dear' },
      ],
    } as PlanResult;
    const { model } = build(input, plan);
    expect(model.unserved.rows.map((r) => [r.cells[0], r.cells[3]])).toEqual([
      ['W', 'every period: no fit'],
      ['V', 'Years 2–3 Jan 2027 – Dec 2028: too dear'],
    ]);
    expect(model.risks.map((r) => r.title)).toContain('2 workloads not served in every period');
    // W alone: left out in all three periods, so "not served", and the KPI points to Risks
    const onlyW = { ...plan, assignments: plan.assignments.filter((a) => a.workload !== 'V'), unserved: plan.unserved.filter((u) => u.workload === 'W') } as PlanResult;
    const inputW = { ...input, workloads: input.workloads.filter((w) => w.name !== 'V') };
    const w = build(inputW, onlyW).model;
    expect(w.risks.map((r) => r.title)).toContain('1 workload not served');
    expect(w.summary.kpis.find((k) => k.label === 'Unserved workloads')!.note).toBe('see Risks');
  });
});

describe('words that agree with their numbers', () => {
  it('one workload, one unit, one replica of a two-unit system', () => {
    const F = { name: 'F', it_power_kw: 1000, racks: 50, rack_kw: 20 };
    const input = makeInput({
      options: [system('S'), { ...system('P'), performance: [{ model: 'm', units_per_replica: 2, points: [{ user_tps: 50, unit_tps: 1000, ttft_ms: 100 }] }] }],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1 }, { name: 'V', model: 'm', avg_output_tps: 600, peak_to_avg: 1 }],
      sites: [F],
    });
    const one = { ...input, workloads: [input.workloads[0]!] };
    const { model } = build(one, planFromAssignments(one, [assign(one, 'W', 'S', 'F')]));
    expect(model.summary.sentences[0]).toContain('the plan serves its one workload for a total cost of');
    const qty = (m: ReportModel) => m.schedule.table.rows.filter((r) => !r.group).map((r) => r.cells[2]);
    expect(qty(model)).toEqual(['1 unit']);
    const pair = build(input, planFromAssignments(input, [assign(input, 'W', 'P', 'F')])).model;
    expect(qty(pair)).toEqual(['2 units (1 replica)']);
    // the appendix's operating point: 1,000 tok/s is what the 2-unit replica delivers, not one unit
    expect(pair.appendix.options.find((x) => x.id === 'P')!.points).toEqual(['m: 50 tok/s per user, 1,000 tok/s per replica of 2 units, first token 100 ms']);
    expect(model.appendix.options.find((x) => x.id === 'S')!.points[0]).toContain('tok/s per unit,');
  });

  it('a unit replaced several times in a period reads as one unit so many times, not a fleet of them', () => {
    const { model } = oneUnitPlan({ lifetime_months: 4 }, { horizon_months: 12 });
    const rows = model.schedule.table.rows.filter((r) => !r.group);
    expect(rows.find((r) => String(r.cells[1]).startsWith('Buy'))!.cells[2]).toBe('1 unit');
    // re-bought in months 4 and 8: "1 unit in each of 2 rounds" (it read "2 units", then "1 unit × 2")
    expect(rows.find((r) => String(r.cells[1]).startsWith('Replace'))!.cells[2]).toBe('1 unit in each of 2 rounds');
  });

  it('the headline cost says it is net of the residual credit (a cost below the capex it includes)', () => {
    const { model, report } = oneUnitPlan({}, { horizon_months: 12, residual_value: true });
    // $120,000 bought in month 0 with 60 months of life: 48 left at month 12, a credit of $96,000
    expect(report.totals.residual_credit_usd).toBeCloseTo(-96000, 6);
    expect(report.totals.horizon_cost_usd).toBeLessThan(report.totals.capex_usd);
    expect(model.summary.sentences[0]).toContain(`total cost of ${formatMoney(report.totals.horizon_cost_usd)}, net of a $96,000 residual credit in Dec 2026, including $120,000 of up-front capital expenditure.`);
    expect(oneUnitPlan({}, { horizon_months: 12, residual_value: false }).model.summary.sentences[0]).not.toContain('residual');
  });

  it('the footnote says the horizon cost is net of the residual value only beside a credit: an all-API plan has none to be net of', () => {
    const on = oneUnitPlan({}, { horizon_months: 12, residual_value: true });
    expect(on.model.summary.footnotes[1]).toBe('Horizon cost is net of the residual value of hardware still within its life at the end of the horizon.');
    // a token API alone, the credit on: $0 credited, and the footnote read "Horizon cost is net of the residual value …"
    const input = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 1, peak_to_avg: 1 }], settings: { horizon_months: 12, residual_value: true } });
    const allApi = build(input, planFromAssignments(input, [assign(input, 'W', 'A')]));
    expect(allApi.report.totals.residual_credit_usd).toBe(0);
    expect(allApi.model.summary.footnotes[1]).toBe('No residual value is credited: no hardware is still within its life at the end of the horizon.');
    expect(oneUnitPlan({}, { horizon_months: 12, residual_value: false }).model.summary.footnotes[1]).toBe('Residual value of hardware at the end of the horizon is not credited.');
  });

  it('a net present cost is net of the residual credit\'s present value, and says so', () => {
    const { model } = oneUnitPlan({}, { horizon_months: 12, residual_value: true, discount_rate_pct: 10 });
    // $96,000 credited in month 11 (48 of 60 months of life left), discounted by 1.1^(−11/12): $87,892
    expect(model.summary.sentences[0]).toContain(`net of a $96,000 residual credit in Dec 2026 (${formatMoney(96000 * 1.1 ** (-11 / 12))} at present value), discounted at`);
  });

  it('the headline names the replacements beside the first purchases (capital spent at the end of lifetimes)', () => {
    const { model, report } = oneUnitPlan({ lifetime_months: 5 }, { horizon_months: 12 });
    // $120,000 bought in month 0, re-bought in months 5 and 10: $240,000 of replacements
    expect(report.totals.capex_usd).toBeCloseTo(120000, 6);
    expect(model.summary.sentences[0]).toContain('including $120,000 of up-front capital expenditure and $240,000 of replacements at the end of lifetimes.');
  });

  it('the appendix says an estimate may be a claim from a forum comment, not only an analyst estimate', () => {
    const { model } = oneUnitPlan({}, { horizon_months: 12 });
    expect(model.appendix.note).toContain('Figures marked “estimate” are not published values: analyst estimates, or claims whose only source is a forum comment.');
  });

  it("a system's commitment names its replacements and their months, and the capex KPI the replacements it leaves out", () => {
    const { model, report } = oneUnitPlan({ lifetime_months: 5 }, { horizon_months: 12 });
    // $120,000 bought in Jan 2026, re-bought in months 5 and 10: $240,000 of replacements
    expect(report.totals.replacement_usd).toBeCloseTo(240000, 6);
    const buy = model.summary.decisions.find((d) => d.text.startsWith('Buy'))!;
    expect(buy.text).toMatch(/; replace 1 in Jun 2026 and 1 in Nov 2026$/);
    expect(buy.amount).toBe('$120,000 capex + $240,000 replacements');
    const kpi = model.summary.kpis.find((k) => k.label === 'Capex (purchases)')!;
    expect([kpi.value, kpi.note]).toEqual(['$120,000', 'excl. $240,000 of replacements; no capex budget set']);
    // the plan-year table: capex and replacements apart, adding up to the two figures
    const years = model.schedule.years;
    const col = (label: string) => years.columns.findIndex((c) => c.label === label);
    expect([years.foot![col('Capex (purchases)')], years.foot![col('Replacements')]]).toEqual(['$120,000', '$240,000']);
    // a 1-month life re-bought every month reads as one run
    const monthly = oneUnitPlan({ lifetime_months: 1 }, { horizon_months: 12 }).model.summary.decisions.find((d) => d.text.startsWith('Buy'))!;
    expect(monthly.text).toMatch(/; replaced at the end of each life, every month Feb 2026 – Dec 2026$/);
  });

  it('a pool lists the whole racks its units are in, and how many it shares with another model, not "6.7" and "2.3" racks', () => {
    // big.pdf's Cerebras site: 6 racks of 3 Maverick units, 1 of 1 Maverick + 2 gpt-oss, 2 of gpt-oss
    const rack = (models: string[]) => ({ option: 'cs3', units: models.map((model) => ({ option: 'cs3', model })), u_used: 15 * models.length, kw_used: 23 * models.length, spans: 1 });
    const racks = [...Array.from({ length: 6 }, () => rack(['mav', 'mav', 'mav'])), rack(['mav', 'oss', 'oss']), rack(['oss', 'oss', 'oss']), rack(['oss', 'oss'])];
    const mav = poolRacks(racks, { option: 'cs3', model: 'mav' });
    const oss = poolRacks(racks, { option: 'cs3', model: 'oss' });
    expect([mav, oss]).toEqual([{ racks: 7, shared: 1 }, { racks: 3, shared: 1 }]);
    expect([poolRacksText(mav), poolRacksText(oss)]).toEqual(['7 (1 shared)', '3 (1 shared)']);
    // a unit spanning two racks counts both; no sharing, a plain count
    expect(poolRacksText(poolRacks([{ option: 'nvl', units: [{ option: 'nvl', model: 'm' }], u_used: 48, kw_used: 230, spans: 2 }], { option: 'nvl', model: 'm' }))).toBe('2');
  });

  it("a site's pools list the racks their own units take: two models of one system do not each count the other's racks", () => {
    // bench/trust.ts short-life-budget-14 (PDF): two pools of one system, a rack each, read "2" racks
    // each against a site using 4 in all
    const input = (rackKw: number) => makeInput({
      options: [{ ...system('S'), performance: [{ model: 'm', points: [{ user_tps: 50, unit_tps: 1000, ttft_ms: 100 }] }, { model: 'q', points: [{ user_tps: 50, unit_tps: 1000, ttft_ms: 100 }] }] }],
      models: ['m', 'q'],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 300, peak_to_avg: 1 }, { name: 'V', model: 'q', avg_output_tps: 300, peak_to_avg: 1 }],
      sites: [{ name: 'F', it_power_kw: 1000, racks: 50, rack_kw: rackKw }],
    });
    const racksColumn = (rackKw: number) => {
      const i = input(rackKw);
      const plan = planFromAssignments(i, [assign(i, 'W', 'S', 'F'), assign(i, 'V', 'S', 'F')]);
      const site = build(i, plan).model.sites[0]!;
      return { cells: site.pools.rows.map((r) => r.cells[3]), used: site.racksUsed, foot: site.pools.foot };
    };
    // one unit a rack (10 kW units, 10 kW racks): a rack each
    expect(racksColumn(10)).toEqual({ cells: ['1', '1'], used: 2, foot: ['Total', '', '2', '2'] });
    // both units in one rack: whole racks (DESIGN 5), the one rack shared by both, and the site's
    // racks once in the foot (it read "0.5" each)
    expect(racksColumn(20)).toEqual({ cells: ['1 shared', '1 shared'], used: 1, foot: ['Total', '', '2', '1'] });
  });

  it('one rented cloud instance is "1 instance" (bench/independent.ts monthly-40: "1 instances")', () => {
    const input = makeInput({ options: [instance('C', 2)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 100, peak_to_avg: 1 }, { name: 'V', model: 'm', avg_output_tps: 600, peak_to_avg: 1 }] });
    const qty = (one: PlanInput) => build(one, planFromAssignments(one, one.workloads.map((w) => assign(one, w.name, 'C')))).model.schedule.table.rows.filter((r) => !r.group).map((r) => r.cells[2]);
    expect(qty({ ...input, workloads: [input.workloads[0]!] })).toEqual(['1 instance']);
    // 700 tok/s on 500 tok/s instances: two
    expect(qty(input)).toEqual(['2 instances']);
  });

  it('a slow point keeps its decimals per user in the tier table and the appendix (2.5 tok/s read "3 tok/s")', () => {
    const F = { name: 'F', it_power_kw: 1000, racks: 50, rack_kw: 20 };
    const input = makeInput({
      options: [system('S', {}, { m: [{ user_tps: 2.5, unit_tps: 1000, ttft_ms: 4000 }] })],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1, response_tokens: 250 }],
      sites: [F],
    });
    const { model } = build(input, planFromAssignments(input, [assign(input, 'W', 'S', 'F')]));
    expect(model.appendix.options.find((x) => x.id === 'S')!.points).toEqual(['m: 2.5 tok/s per user, 1,000 tok/s per unit, first token 4,000 ms']);
    // per user, and the answer time it gives: 4,000 ms + 250 tokens at 2.5 tok/s
    expect(bodyRows(model).map((r) => r.cells.slice(5, 7))).toEqual([['2.5 tok/s', '104,000 ms']]);
  });

  it('names a token API the plan uses directly and through edge devices once (it read "used in plan (inference), plan")', () => {
    const input = makeInput({
      options: [api('A', 1, 0), edge('E', { inference_via: 'A' })],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 10, endpoints: 10, placement: 'edge' }, { name: 'V', model: 'm', avg_output_tps: 10 }],
    });
    const role = (ws: [string, string][]) => build(input, planFromAssignments(input, ws.map(([w, o]) => assign(input, w, o)))).model.appendix.options.find((x) => x.id === 'A')!.role;
    expect(role([['W', 'E'], ['V', 'A']])).toBe('plan (directly and as the API its edge devices call)');
    expect(role([['W', 'E']])).toMatch(/^plan \(as the API its edge devices call\)/);
    expect(role([['V', 'A']])).toBe('plan');
  });

  it("the appendix and the tier table name the model an assignment uses, not the workload's list", () => {
    const F = { name: 'F', it_power_kw: 1000, racks: 50, rack_kw: 20 };
    const input = makeInput({
      options: [{ ...system('S'), performance: [{ model: 'q', units_per_replica: 1, points: [{ user_tps: 50, unit_tps: 1000, ttft_ms: 100 }] }] }],
      models: ['m', 'q'],
      workloads: [{ name: 'W', model: 'm|q', avg_output_tps: 600, peak_to_avg: 1 }],
      sites: [F],
    });
    const S = input.catalog.options[0]!;
    const { model } = build(input, planFromAssignments(input, [{ workload: 'W', period: 0, option: 'S', model: 'q', site: 'F', user_tps: 50, unit_tps: 1000, ttft_ms: 100, tier: S.tier, kind: 'system' }]));
    expect(model.appendix.options.find((x) => x.id === 'S')!.points).toEqual(['q: 50 tok/s per user, 1,000 tok/s per unit, first token 100 ms']);
    // and so does the tier table of section 04
    expect(bodyRows(model).map((r) => r.cells.slice(0, 2))).toEqual([['W', 'q']]);
  });
});

describe('what a finance reader checks a phased plan against', () => {
  const F = { name: 'F', it_power_kw: 1000, racks: 50, rack_kw: 20 };
  // W on the API until S, orderable from Jan 2027, is usable in the second period (May 2027)
  function phased() {
    const input = makeInput({
      options: [system('S', { price_usd: 12_345.67, available_from: '2027-01' }, {}), api('A', 1, 0)],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1 }],
      sites: [F],
      settings: { horizon_months: 24, purchase_interval_months: 12, start_month: '2026-05' },
    });
    (input.catalog.options[0] as { performance: unknown[] }).performance = [{ model: 'm', units_per_replica: 4, points: [{ user_tps: 50, unit_tps: 4000, ttft_ms: 100 }] }];
    const plan = planFromAssignments(input, [{ ...assign(input, 'W', 'A'), period: 0 }, { ...assign(input, 'W', 'S', 'F'), period: 1 }]);
    return build(input, plan).model;
  }

  it("the appendix gives an option's orderable month, its price to the cent and a replica's rate as a replica's", () => {
    const s = phased().appendix.options.find((x) => x.id === 'S')!;
    expect(s.figures[0]).toMatchObject({ label: 'Orderable from', value: 'Jan 2027' });
    expect(s.figures.find((f) => f.label === 'Price per unit')!.value).toBe('$12,345.67');
    expect(s.points).toEqual(['m: 50 tok/s per user, 4,000 tok/s per replica of 4 units, first token 100 ms']);
  });

  it('a replacement is dated: the month of the re-buy, inside its period', () => {
    const { model } = oneUnitPlan({ lifetime_months: 5 }, { horizon_months: 12 });
    const rows = model.schedule.table.rows.filter((r) => r.cells[1]?.startsWith('Replace '));
    expect(rows.map((r) => r.cells[1])).toEqual(['Replace S · m (end of life, Jun 2026 and Nov 2026)']);
    expect(rows[0]!.cells[2]).toBe('1 unit in each of 2 rounds');
  });

  it('re-buys in consecutive months read as one run, not every month in a cell', () => {
    const { model } = oneUnitPlan({ lifetime_months: 1 }, { horizon_months: 36 });
    const rows = model.schedule.table.rows.filter((r) => r.cells[1]?.startsWith('Replace '));
    expect(rows.map((r) => r.cells[1])).toEqual(['Replace S · m (end of life, every month Feb 2026 – Dec 2028)']);
    expect(rows[0]!.cells[2]).toBe('1 unit in each of 35 rounds');
  });

  it('the systems owned give a rack-scale pool\'s units with the replicas they make', () => {
    const model = phased();
    const units = model.pools.columns.findIndex((c) => c.label === 'Units');
    expect(model.pools.rows.map((r) => r.cells[units])).toEqual(['4 (1 replica)']);
  });

  it('the monthly chart caption names the months that buy something, and replacement only when there is one', () => {
    // period 0 uses only the API: the purchases fall in May 2027 alone; a 60-month life is not replaced in 24 months
    expect(phased().costs.monthlyCaption).toBe('undiscounted; purchases in May 2027');
    expect(oneUnitPlan({}, {}).model.costs.monthlyCaption).toBe('undiscounted; purchases in the first month');
    expect(oneUnitPlan({ lifetime_months: 5 }, { horizon_months: 12 }).model.costs.monthlyCaption).toBe('undiscounted; purchases in the first month and at replacement');
    // twelve monthly periods, one buys: not "every month"
    expect(oneUnitPlan({}, { horizon_months: 12, purchase_interval_months: 1 }).model.costs.monthlyCaption).toBe('undiscounted; purchases in Jan 2026');
    // an API-only plan of several periods buys nothing
    const input = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1 }], settings: { horizon_months: 24, purchase_interval_months: 6 } });
    const apiOnly = planFromAssignments(input, [0, 1, 2, 3].map((period) => ({ ...assign(input, 'W', 'A'), period })));
    expect(build(input, apiOnly).model.costs.monthlyCaption).toBe('undiscounted; no purchases');
  });

});

describe('the tier tables\' design peak', () => {
  it('is the last period\'s, as the tables\' assignments are, not the horizon\'s busiest month (a declining workload showed its month-0 peak)', () => {
    const input = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 1000, peak_to_avg: 1.5, monthly_growth_pct: -4 }], settings: { horizon_months: 24, purchase_interval_months: 12 } });
    const { model } = build(input, planFromAssignments(input, [0, 1].map((period) => ({ ...assign(input, 'W', 'A'), period }))));
    const t = model.tiers[0]!.table;
    const col = t.columns.findIndex((c) => c.label === 'Design peak');
    const row = t.rows.find((r) => !r.group && r.cells[0] === 'W')!;
    // months 12–23: the peak at month 12, 1,000 × 1.5 × 0.96^12 = 919 tok/s (month 0's is 1,500)
    expect(row.cells[col]).toBe('919 tok/s');
    expect(model.fleetShownPeriod).not.toBeNull();
  });
});

describe('the capex KPI against a budget a plan year', () => {
  it('gives the peak plan year beside the budget, so two rounds of $120,000 are not read as over a $150,000 budget', () => {
    const F = { name: 'F', it_power_kw: 1000, racks: 50, pue: 1.5, usd_per_kwh: 0.1, rack_kw: 20 };
    const input = makeInput({
      options: [system('S'), api('A', 1, 0)],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1 }, { name: 'V', model: 'm', avg_output_tps: 600, peak_to_avg: 1 }],
      sites: [F],
      settings: { horizon_months: 24, purchase_interval_months: 12, capex_budget_usd: 150_000 },
    });
    // W (600 tok/s) on one unit (1,000 tok/s) from period 0; V on the API, then with W on S: 1,200 needs a second unit in period 1
    const plan = planFromAssignments(input, [
      { ...assign(input, 'W', 'S', 'F'), period: 0 }, { ...assign(input, 'W', 'S', 'F'), period: 1 },
      { ...assign(input, 'V', 'A'), period: 0 }, { ...assign(input, 'V', 'S', 'F'), period: 1 },
    ]);
    const { model } = build(input, plan);
    const kpi = model.summary.kpis.find((k) => k.label === 'Capex (purchases)')!;
    expect(kpi.value).toBe('$240,000');
    expect(kpi.note).toBe('peak plan year $120,000; budget $150,000 a plan year');
    expect(model.assumptions.settings.find((k) => k.label === 'Capex budget')!.value).toBe('$150,000 a plan year');
    // each plan year's purchases beside what the budget leaves of them; the rows add up in a foot
    const years = model.schedule.years;
    const col = (label: string) => years.columns.findIndex((c) => c.label === label);
    expect(col('Capex budget left')).toBe(col('Capex (purchases)') + 1);
    expect(years.rows.map((r) => [r.cells[col('Capex (purchases)')], r.cells[col('Capex budget left')]])).toEqual([['$120,000', '$30,000'], ['$120,000', '$30,000']]);
    expect(years.foot![col('Capex (purchases)')]).toBe('$240,000');
  });

  it('quotes the peak plan year as the table shows it, not its unrounded purchases a dollar off the cell beside it', () => {
    const input = makeInput({
      options: [system('S')],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1 }],
      sites: [{ name: 'F', it_power_kw: 1000, racks: 50, rack_kw: 20 }],
      settings: { horizon_months: 24, purchase_interval_months: 12, capex_budget_usd: 150_000 },
    });
    const plan = planFromAssignments(input, [{ ...assign(input, 'W', 'S', 'F'), period: 0 }, { ...assign(input, 'W', 'S', 'F'), period: 1 }]);
    const report = computeTco(input, plan);
    // plan years whose rounding moves Year 1's capex of $120,000.60 down to $120,000 so that the table adds up
    const y = (year: number, capex: number, running: number) => ({ year, name: `Year ${year}`, capex_usd: capex, replacement_usd: 0, running_usd: running, residual_usd: 0, total_usd: capex + running, pv_usd: capex + running });
    const schedule = { ...buildSchedule(input, plan, report), years: [y(1, 120_000.6, 0.3), y(2, 0.7, 0.3)] };
    const model = buildReportModel({ input, plan, tco: fromTcoEngine(report), meta: META, schedule });
    const years = model.schedule.years;
    expect(years.rows[0]!.cells[years.columns.findIndex((c) => c.label === 'Capex (purchases)')]).toBe('$120,000');
    expect(model.summary.kpis.find((k) => k.label === 'Capex (purchases)')!.note).toBe('peak plan year $120,000; budget $150,000 a plan year');
    expect(model.schedule.yearsNote).toContain('3 cells are rounded the other way');
  });

  it('says under the schedule how many amounts are rounded the other way so that a period adds up, and only then', () => {
    const input = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1 }] });
    const plan = planFromAssignments(input, [assign(input, 'W', 'A')]);
    const report = computeTco(input, plan);
    const base = buildSchedule(input, plan, report);
    const rent = (option: string, usd: number) => ({ option, name: option, model: 'm', workload: null, quantity: null, quantity_unit: null, replicas: null, usd, month: null, workloads: ['W'] });
    const withRent = (rented: ReturnType<typeof rent>[]) => {
      const usd = rented.reduce((a, r) => a + r.usd, 0);
      const period = { ...base.periods[0]!, capex_usd: 0, replacement_usd: 0, rent_usd: usd, sites: [{ site: 'cloud', kind: 'cloud' as const, bought: [], replaced: [], rented, capex_usd: 0, replacement_usd: 0, rent_usd: usd }] };
      return buildReportModel({ input, plan, tco: fromTcoEngine(report), meta: META, schedule: { ...base, periods: [period] } }).schedule;
    };
    // $25,464.60 or $2,970.60 reads a dollar down so that the three add up to the period's $315,055 rented
    const moved = withRent([rent('a', 286_619.755), rent('b', 25_464.6), rent('c', 2_970.6)]);
    expect(moved.table.rows.slice(1).reduce((a, r) => a + Number(r.cells.at(-1)!.replace(/[$,]/g, '')), 0)).toBe(315_055);
    expect(moved.tableNote).toBe('Whole dollars that add up to their totals: one amount is rounded the other way from its nearest dollar for that, within $1 of the exact figure.');
    expect(withRent([rent('a', 286_620), rent('b', 25_465)]).tableNote).toBeNull();
  });

  it('a discounted plan says its plan-year rows are undiscounted and gives their present value beside them', () => {
    const input = makeInput({
      options: [system('S')],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1 }],
      sites: [{ name: 'F', it_power_kw: 1000, racks: 50, rack_kw: 20 }],
      settings: { horizon_months: 24, purchase_interval_months: 12, discount_rate_pct: 8 },
    });
    const { model, report } = build(input, planFromAssignments(input, [{ ...assign(input, 'W', 'S', 'F'), period: 0 }, { ...assign(input, 'W', 'S', 'F'), period: 1 }]));
    const years = model.schedule.years;
    // the app's labels (core/schedule: planYearsTable); no residual credit column without a residual
    expect(years.columns.map((c) => c.label)).toEqual(['Plan year', 'Capex (purchases)', 'Running costs', 'Total (undiscounted)', 'Present value']);
    // a fixed layout: in an auto one the plan-year names wrapped to four lines and the table grew
    // past the page, which made Chromium shrink every page of the PDF (17 pages printed as 14)
    expect(years.columns.every((c) => c.width)).toBe(true);
    expect(years.foot).toEqual(['Horizon', formatMoney(report.totals.capex_usd), expect.any(String), formatMoney(report.totals.undiscounted_usd), formatMoney(report.totals.horizon_cost_usd)]);
  });
});

describe('the sites\' rack types', () => {
  it('give the space a unit over several racks uses in each of them, as its power per rack', () => {
    // a 42-U, 30-kW unit over 2 racks of 42 U and 20 kW: both racks full, 15 kW each
    const { model } = oneUnitPlan({ rack_units: 42, racks_per_unit: 2, max_power_kw: 30 }, undefined);
    const row = model.sites[0]!.rackTypes.rows[0]!.cells;
    expect(row.slice(1)).toEqual(['2', '1 (spans 2 racks)', '42 of 42 U in each', '15 kW of 20 kW']);
  });
});
