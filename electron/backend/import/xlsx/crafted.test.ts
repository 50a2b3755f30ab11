// Crafted workbooks (issue 13 item 5): parts that inflate to megabytes of XML whose rows, cells, values,
// strings, runs, CDATA sections and merges open and never close, a row of a million cells, a 30 MB cell,
// attribute and number-format runs. A scanner that rescans its input per chunk or retries a failed match
// from every start is quadratic on them (a 341 KB file once took 68 s and 794 MB). Each must end, read or
// refused with a code, within 10 s and 1 GB, in its own process (killed if it does not). Their times
// beside their sizes are figures of `npm run bench import`, not asserted here.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { craftedFiles } from '../testing/crafted';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const PROBE = path.join(__dirname, '..', 'testing', 'crafted-probe.ts');
const LIMIT_MS = 10_000;
const LIMIT_MB = 1024;

describe('the xlsx reader on crafted files', () => {
  // At 0.3 of full size (2–8 MB of XML): the quadratic reader took over 60 s on every file at 0.1.
  for (const recipe of craftedFiles(0.3)) {
    it(`${recipe.name}: ends within 10 s and 1 GB`, () => {
      // Building the file takes a few seconds more than reading it; the child is killed well past both.
      const run = spawnSync(process.execPath, ['--import', 'tsx', PROBE, recipe.name, '0.3'], { cwd: ROOT, encoding: 'utf8', timeout: LIMIT_MS * 4 });
      expect(run.signal, `${recipe.name} was killed (hang)`).toBeNull();
      expect(run.status, run.stderr).toBe(0);
      const figures = JSON.parse(run.stdout.trim().split('\n').pop()!) as { ms: number; rssMb: number; result: string };
      expect(figures.ms, JSON.stringify(figures)).toBeLessThan(LIMIT_MS);
      expect(figures.rssMb, JSON.stringify(figures)).toBeLessThan(LIMIT_MB);
    }, LIMIT_MS * 5);
  }
});
