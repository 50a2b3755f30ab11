// `npm run bench`: each figure beside a baseline measured in the same run, so ratios hold on a noisy machine.
// Timings are printed, never asserted.
import { benchGrid, type Figure } from './grid';

function print(figures: Figure[]): void {
  for (const f of figures) {
    const ratio = f.baselineSeconds > 0 ? (f.seconds / f.baselineSeconds).toFixed(2) : '—';
    console.log(`${f.name.padEnd(44)} ${f.seconds.toFixed(3).padStart(8)} s   baseline (${f.baseline}) ${f.baselineSeconds.toFixed(3)} s   ratio ${ratio}   target ${f.target}`);
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'grid') print(await benchGrid());
}

main().catch((error) => { console.error(error); process.exitCode = 1; });
