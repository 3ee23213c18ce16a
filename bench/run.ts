// `npm run bench`: every benchmark, one after another, printing figures (tests never time
// anything). Pass names to run a subset: `npm run bench -- optimizer tco`.
export {};

const benches = ['import', 'workloads-view', 'optimizer', 'portfolio', 'cbc', 'independent', 'tco', 'report', 'ui-during-solve', 'ui-schedule', 'ui-tco'] as const;
const only = process.argv.slice(2);
// the names are this script's: the benches that read flags from the command line see none
process.argv.length = 2;

let failed = 0;
for (const name of benches) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== bench: ${name} ===`);
  try {
    const mod = (await import(`./${name}.ts`)) as { main: () => Promise<void> };
    await mod.main();
  } catch (err) {
    failed++;
    console.error(`bench ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
process.exit(failed ? 1 : 0);
