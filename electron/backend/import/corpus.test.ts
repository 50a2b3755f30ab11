// Robustness: the importer's preview over every file of ../shared/corpus (142 real and broken workbooks
// from more than twenty programs, read at run time, never copied), through whichever reader the bytes call
// for (.xlsx, legacy .xls, CSV text), and every file once more through the CSV reader forced. Each file must end within 10 s in a
// normal result or a refusal with a stable code; a crash or a hang fails. The files run in a child
// process so a hang is killed and reported instead of freezing the test run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../../shared/domain/errors';

const ROOT = path.resolve(__dirname, '..', '..', '..');
// ../shared/corpus beside the checkout (in a worktree under wt/, one level further up).
const CORPUS = [path.resolve(ROOT, '..', 'shared', 'corpus'), path.resolve(ROOT, '..', '..', 'shared', 'corpus')].find((dir) => fs.existsSync(dir)) ?? path.resolve(ROOT, '..', 'shared', 'corpus');
const PER_FILE_MS = 10_000;

interface ProbeLine { file: string; result: 'ok' | 'refused' | 'crash' | 'hang'; code?: string; message?: string; ms?: number; csv?: string }

function manifest(): Map<string, { format: string; special: string }> {
  const lines = fs.readFileSync(path.join(CORPUS, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  return new Map(lines.map((l) => { const c = l.split('\t'); return [c[0]!, { special: c[4] ?? '', format: c[5] ?? '' }]; }));
}

/** The refusal each broken kind of file must get (by MANIFEST's detected_format). */
function expectedCode(file: string, format: string): string | null {
  if (file === 'made__zipbomb_like_whitespace.xlsx') return 'FILE_EXPANDS_TOO_MUCH';
  if (file === 'phpss__row-999999999.xlsx') return 'TOO_MANY_ROWS';
  if (/^CFB container: encrypted/.test(format)) return 'FILE_ENCRYPTED';
  if (/password-encrypted entries/.test(format)) return 'FILE_ENCRYPTED';
  if (/OpenDocument|\.xlsb|HTML text/.test(format)) return 'FILE_OTHER_FORMAT';
  if (/^empty file|unrecognised binary|zip without any workbook part/.test(format)) return 'FILE_NOT_WORKBOOK';
  if (/^corrupt zip/.test(format)) return 'FILE_CORRUPT';
  return null;
}

function runProbe(files: string[]): Promise<ProbeLine[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'testing', 'corpus-probe.ts'), ...files], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const results: ProbeLine[] = [];
    let current: string | null = null;
    let timer: NodeJS.Timeout | null = null;
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => { results.push({ file: current ?? '?', result: 'hang' }); child.kill('SIGKILL'); }, PER_FILE_MS + 5_000);
    };
    arm(); // also covers start-up
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      let parsed: { start?: string } & Partial<ProbeLine>;
      try { parsed = JSON.parse(line); } catch { return; }
      if (parsed.start) { current = parsed.start; arm(); } else if (parsed.file) results.push(parsed as ProbeLine);
    });
    child.on('error', reject);
    child.on('exit', () => { if (timer) clearTimeout(timer); resolve(results); });
  });
}

describe.skipIf(!fs.existsSync(CORPUS))('the importer over the robustness corpus', () => {
  it('ends every file within 10 s with a result or a refusal with a stable code, never a crash or a hang', async () => {
    const known = manifest();
    const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.xlsx')).sort();
    expect(files.length).toBeGreaterThanOrEqual(142);
    const results = await runProbe(files.map((f) => path.join(CORPUS, f)));
    const byFile = new Map(results.map((r) => [r.file, r]));
    const problems: string[] = [];
    for (const file of files) {
      const r = byFile.get(file);
      if (!r) { problems.push(`${file}: no result`); continue; }
      if (r.result === 'crash' || r.result === 'hang') { problems.push(`${file}: ${r.result} ${r.message ?? ''}`); continue; }
      if ((r.ms ?? 0) > PER_FILE_MS) problems.push(`${file}: took ${r.ms} ms`);
      if (r.result === 'refused' && (!r.code || !(r.code in ERROR_MESSAGES) || r.code === 'INTERNAL')) problems.push(`${file}: unstable code ${r.code}`);
      const expected = expectedCode(file, known.get(file)?.format ?? '');
      if (expected && r.code !== expected) problems.push(`${file}: expected ${expected}, got ${r.result} ${r.code ?? ''}`);
    }
    // Legacy BIFF and CSV text are read now (issue 15), by their own readers: never refused as another format.
    for (const file of files) {
      const format = known.get(file)?.format ?? '';
      if (/^CFB container: legacy BIFF|^CSV text/.test(format) && ['FILE_LEGACY_XLS', 'FILE_OTHER_FORMAT'].includes(byFile.get(file)?.code ?? '')) problems.push(`${file}: refused, not read`);
      // Every file also went through the CSV reader, forced (the text path must survive any bytes).
      if (byFile.get(file)?.csv === 'crash') problems.push(`${file}: the CSV reader crashed`);
    }
    expect(problems).toEqual([]);
    const codes = new Map<string, number>();
    for (const r of results) codes.set(r.code ?? 'ok', (codes.get(r.code ?? 'ok') ?? 0) + 1);
    const slowest = [...results].sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0))[0]!;
    console.log(`corpus: ${results.length} files; ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}; slowest ${slowest.file} ${slowest.ms} ms`);
  }, 600_000);
});
