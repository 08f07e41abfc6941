/**
 * `npm run bench`: runs every benchmark in bench/*.bench.ts in turn and prints its figures.
 * Figures are percentiles and ratios, never pass/fail: these machines are shared and noisy.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

async function main(): Promise<void> {
  const only = process.argv[2];
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => !only || f.includes(only))
    .sort();
  for (const file of files) {
    console.log(`\n## ${file}`);
    const mod = (await import(pathToFileURL(path.join(__dirname, file)).href)) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
