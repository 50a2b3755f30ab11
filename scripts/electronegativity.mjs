// The Electron checklist in CI: @doyensec/electronegativity over the desktop shell's sources (electron/main,
// electron/preload, electron/utility) and package.json. Fails on a source file it cannot parse (it would be
// skipped silently) and on any high or medium finding not reviewed in build/electronegativity.yml, where each
// accepted finding says why. Prints the findings by severity. Offline: the check that downloads Electron's
// release list (AvailableSecurityFixesGlobalCheck) is left out; Electron updates are Dependabot's job.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const { load } = require('js-yaml');

const SCANNED = ['electron/main', 'electron/preload', 'electron/utility'];
const scanDir = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
try {
  for (const dir of SCANNED) {
    fs.cpSync(path.join(root, dir), path.join(scanDir, dir), { recursive: true, filter: (f) => !f.endsWith('.test.ts') });
  }
  fs.copyFileSync(path.join(root, 'package.json'), path.join(scanDir, 'package.json'));

  const quiet = console.log;
  console.log = () => undefined; // its "could not retrieve translations" chatter (no network here)
  let result;
  try {
    result = await run({ input: scanDir, isRelative: true, excludeFromScan: ['AvailableSecurityFixesGlobalCheck'], isVerbose: false, parserPlugins: [] }, false);
  } finally {
    console.log = quiet;
  }

  const accepted = (load(fs.readFileSync(path.join(root, 'build', 'electronegativity.yml'), 'utf8'))?.accepted ?? []);
  const relative = (file) => path.relative(scanDir, path.resolve(scanDir, file)).split(path.sep).join('/');
  const findings = result.issues.map((issue) => ({
    check: issue.id, severity: issue.severity.name ?? String(issue.severity), file: relative(issue.file), line: issue.location?.line ?? 0, sample: (issue.sample ?? '').trim().slice(0, 100),
  }));
  const isAccepted = (f) => accepted.some((a) => a.check === f.check && (a.file === undefined || a.file === f.file));
  const bySeverity = {};
  for (const f of findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  console.log(`electronegativity: ${result.atomicChecks + result.globalChecks} checks over ${SCANNED.join(', ')}, package.json`);
  console.log(`findings by severity: ${Object.entries(bySeverity).map(([s, n]) => `${s} ${n}`).join(', ') || 'none'}`);
  for (const f of findings) console.log(`  ${f.severity.padEnd(13)} ${f.check} ${f.file}:${f.line}${isAccepted(f) ? '  (reviewed, see build/electronegativity.yml)' : ''}`);

  const parseErrors = result.errors.filter((e) => !e.tolerable);
  for (const e of parseErrors) console.error(`could not parse ${relative(e.file)}: ${e.message}`);
  const open = findings.filter((f) => (f.severity === 'HIGH' || f.severity === 'MEDIUM') && !isAccepted(f));
  for (const f of open) console.error(`not reviewed: ${f.severity} ${f.check} at ${f.file}:${f.line} — fix it, or explain it in build/electronegativity.yml`);
  const stale = accepted.filter((a) => !findings.some((f) => f.check === a.check && (a.file === undefined || a.file === f.file)));
  for (const a of stale) console.log(`note: accepted ${a.check} ${a.file ?? ''} no longer found; remove it from build/electronegativity.yml`);
  process.exitCode = parseErrors.length > 0 || open.length > 0 ? 1 : 0;
} finally {
  fs.rmSync(scanDir, { recursive: true, force: true });
}
