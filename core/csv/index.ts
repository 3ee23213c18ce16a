// CSV and catalog-JSON import/export (DESIGN 7): pure TypeScript, runs in Node and the renderer.
export * from './columns.ts';
export * from './numbers.ts';
export * from './decode.ts';
export * from './import.ts';
export * from './export.ts';
export * from './catalog.ts';
