// Test helper: converts a workbook with LibreOffice headless (as a clerk's LibreOffice/WPS would open it), in a
// private profile so parallel runs do not fight over one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Converts `file` to `format` (pdf, csv, …) in a fresh folder; returns the converted file's path. */
export function convertWithLibreOffice(file: string, format: string): string {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-out-'));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
  try {
    // csv:"Text - txt - csv (StarCalc)":44,34,76 → comma-separated, quoted, UTF-8.
    const target = format === 'csv' ? 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true' : format;
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', target, '--outdir', outDir, file], { stdio: 'pipe', timeout: 60_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const converted = fs.readdirSync(outDir).find((name) => name.endsWith(`.${format}`));
  if (!converted) throw new Error(`LibreOffice did not convert ${file} to ${format}`);
  return path.join(outDir, converted);
}
