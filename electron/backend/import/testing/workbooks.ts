// Test helper: township workbooks written by other programs than ours — Debian's python3-openpyxl
// (township_workbooks.py) and LibreOffice re-saving them — so the importer is tested against files it
// did not write. scripts/system-deps.sh installs both in CI.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(__dirname, 'township_workbooks.py');

export function hasOpenpyxl(): boolean {
  return fs.existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0;
}

export function hasLibreOffice(): boolean {
  return spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
}

export type Scenario = 'messy' | 'dates' | 'dates1904' | 'sheets';

export function makeWorkbook(scenario: Scenario, dir: string, name = `${scenario}.xlsx`): string {
  const file = path.join(dir, name);
  execFileSync(PYTHON, [SCRIPT, scenario, file], { stdio: 'pipe' });
  return file;
}

/** Runs a Python snippet with openpyxl and returns its JSON output (used to read our own workbooks back). */
export function openpyxlJson<T>(code: string, ...args: string[]): T {
  return JSON.parse(execFileSync(PYTHON, ['-c', code, ...args], { encoding: 'utf8' })) as T;
}

/** LibreOffice opens the file and saves it again as .xlsx (its own writer), in outDir. */
export function resaveWithLibreOffice(file: string, outDir: string): string {
  fs.mkdirSync(outDir, { recursive: true });
  const profile = path.join(outDir, 'lo-profile');
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--calc', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, file], { stdio: 'pipe', timeout: 120_000 });
  return path.join(outDir, path.basename(file));
}
