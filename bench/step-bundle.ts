// The measured import steps (import-step.ts) run as the engine ships: bundled by esbuild as scripts/build.mjs
// bundles dist/cli.cjs and dist/engine.cjs, and run by plain node — not compiled on the fly by tsx, whose
// loader would add its own start-up, memory (~37 MB of peak RSS) and compile time to every figure. The
// sheet-reading worker is the built one (dist/xlsx-scan.cjs; bench/run.ts builds the engine first).
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = path.join(__dirname, '..');
let bundled: string | null = null;

/** The command (node's arguments) that runs one import step, and the environment it runs in. */
export function importStepCommand(): { args: string[]; env: NodeJS.ProcessEnv } {
  if (!bundled) {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    // Beside dist's bundles, so packages resolve from node_modules and the catalogue is found as theirs is.
    bundled = path.join(ROOT, 'dist', 'bench', 'import-step.cjs');
    buildSync({
      entryPoints: [path.join(__dirname, 'import-step.ts')], outfile: bundled, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
      external: [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies), 'electron'], logLevel: 'warning',
    });
  }
  return { args: [bundled], env: { ...process.env, WORKBENCH_XLSX_WORKER: path.join(ROOT, 'dist', 'xlsx-scan.cjs') } };
}
