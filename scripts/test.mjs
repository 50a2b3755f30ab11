// `npm test`: everything, the way CI runs it. System packages (installed when root, else named), the
// better-sqlite3 build for Node, a fresh build, type check, lint, the Electron checklist, then unit and browser tests. Ends with
// one line "N passed, N failed, N skipped" that CI reads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const run = (cmd, args, options = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
const step = (title) => console.log(`\n== ${title}`);

step('system packages');
if (run('bash', ['scripts/system-deps.sh']).status !== 0) process.exit(1);

step('better-sqlite3 for this Node');
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
  console.log('ok');
} catch (error) {
  // After `npm run dist` the module is built for Electron's ABI; tests need Node's.
  if (!/NODE_MODULE_VERSION|was compiled against/.test(String(error))) throw error;
  console.log('built for another runtime (Electron?): rebuilding for Node');
  if (run('npm', ['rebuild', 'better-sqlite3']).status !== 0) process.exit(1);
}

const gates = [
  ['build', process.execPath, ['scripts/build.mjs']],
  ['type check', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit']],
  ['type check shared/ (pure)', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'shared/tsconfig.json', '--noEmit']],
  ['lint', process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '.']],
  ['Electron checklist (electronegativity)', process.execPath, ['scripts/electronegativity.mjs']],
];
for (const [title, cmd, args] of gates) {
  step(title);
  if (run(cmd, args).status !== 0) { console.log(`\n${title} failed`); console.log('0 passed, 1 failed'); process.exit(1); }
}

step('tests (unit + browser)');
const report = path.join(root, 'test-results', 'vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
const vitest = run(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
let summary = { passed: 0, failed: 0, skipped: 0 };
if (fs.existsSync(report)) {
  const result = JSON.parse(fs.readFileSync(report, 'utf8'));
  summary = { passed: result.numPassedTests, failed: result.numFailedTests, skipped: result.numPendingTests + result.numTodoTests };
  for (const file of result.testResults) {
    for (const test of file.assertionResults) if (test.status === 'skipped' || test.status === 'pending') console.log(`skipped: ${test.fullName}`);
  }
}
// The unit tests again on other dates (libfaketime shifts the clock of the whole process tree; the dates are
// county time, TZ=Asia/Shanghai as in vitest.config.mts, so every worker reads them alike): one afternoon,
// and one early morning of New Year's Day when the UTC date is still the last day of the year before. Nothing may depend on
// the day CI happens to run. The browser tests cannot run under libfaketime (Chromium crashes); they type
// every date they use rather than take the screen's default of today.
let otherDates = 0;
for (const date of ['@2027-03-15 16:30:00', '@2031-01-01 04:00:00']) {
  step(`unit tests on ${date.slice(1)} county time (faketime)`);
  // The crash and two-process suites test processes meeting, not dates: once (above) is enough, and they are
  // the slowest part of the run.
  const processSuites = ['electron/cli/crash.test.ts', 'electron/cli/concurrency.test.ts'].flatMap((file) => ['--exclude', file]);
  const shifted = run('faketime', ['-f', date, process.execPath, path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'unit', '--reporter=dot', ...processSuites], { env: { ...process.env, TZ: 'Asia/Shanghai' } });
  if (shifted.status !== 0) { otherDates += 1; console.log(`unit tests failed on ${date.slice(1)}`); }
}
// CI shows only the end of the output: name every failed test (with its first message lines) right above the count.
if (fs.existsSync(report)) {
  const result = JSON.parse(fs.readFileSync(report, 'utf8'));
  for (const file of result.testResults) {
    if (file.status === 'failed' && file.assertionResults.every((test) => test.status !== 'failed')) console.log(`\nfailed file: ${path.relative(root, file.name)}: ${String(file.message).split('\n').slice(0, 6).join('\n  ')}`);
    for (const test of file.assertionResults) {
      if (test.status !== 'failed') continue;
      console.log(`\nfailed: ${path.relative(root, file.name)} > ${test.fullName}`);
      for (const message of test.failureMessages.slice(0, 1)) console.log(`  ${message.split('\n').slice(0, 8).join('\n  ')}`);
    }
  }
}
const failed = (vitest.status !== 0 && summary.failed === 0 ? 1 : summary.failed) + otherDates;
console.log(`\n${summary.passed} passed, ${failed} failed, ${summary.skipped} skipped`);
process.exit(vitest.status === 0 && failed === 0 ? 0 : 1);
