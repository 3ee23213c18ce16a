// The TCO module (DESIGN 6): engine, baselines and break-even, sensitivity, scenario compare, exports.
export * from './engine.ts';
export * from './baselines.ts';
export * from './sensitivity.ts';
export * from './compare.ts';
export * from './csv.ts';
export { layoutRacks, racksForUnits, capacityShare } from './racks.ts';
export * from './summary.ts';
export * from './view.ts';
export * from './what-if.ts';
export * from './report-summary.ts';
