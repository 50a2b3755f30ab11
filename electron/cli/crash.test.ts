// SIGKILL at random moments of an import commit, an undo and a backup (20 each, real child processes):
// afterwards the database passes integrity_check and holds the state before or the state after — never a
// mixture — and a backup's --out file is whole or absent.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../backend/testing/temp-db';
import { aVillage, buildEngine, idNumber, peopleWorkbook, workbench, workbenchSync } from './testing/processes';

const KILLS = 20;
const ROWS = 300;

function state(db: string): string {
  const sqlite = new Database(db);
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return `CORRUPT ${String(integrity)}`;
    const n = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    return [n('select count(*) n from people'), n("select count(*) n from import_batches where status = 'applied'"), n("select count(*) n from audit_log where action in ('import', 'undo')")].join('/');
  } finally { sqlite.close(); }
}

/** Runs the command and kills it after a random share of `duration` ms; resolves when it is gone. */
async function killDuring(duration: number, ...args: string[]): Promise<void> {
  const { child, done } = workbench(...args);
  // Most of a run is starting Node and reading the file; the kills are spread over its second half.
  const delay = duration * (0.4 + 0.7 * Math.random());
  const timer = setTimeout(() => child.kill('SIGKILL'), delay);
  await done;
  clearTimeout(timer);
}

async function timed(...args: string[]): Promise<number> {
  const started = Date.now();
  const run = await workbench(...args).done;
  expect(run.status, run.stderr).toBe(0);
  return Date.now() - started;
}

describe('crash safety (SIGKILL)', () => {
  let dir: string;
  let db: string;
  let place: { township: string; village: string };
  const tally: Record<string, { before: number; after: number }> = {};
  const files: string[] = [];

  beforeAll(() => {
    buildEngine();
    dir = tempDir();
    db = path.join(dir, 'workbench.sqlite');
    expect(workbenchSync('init', '--db', db).status).toBe(0);
    place = aVillage(db);
    for (let f = 0; f <= KILLS + 1; f++) {
      files.push(peopleWorkbook(path.join(dir, `people-${f}.xlsx`), ['身份证号', '姓名', '乡镇', '村', '人员类别', '劳动能力'],
        Array.from({ length: ROWS }, (_, i) => [idNumber(f * ROWS + i), `导入${f}号${i}`, place.township, place.village, '脱贫户', '普通劳动力'])));
    }
  }, 120_000);
  afterAll(() => {
    console.log('kills and outcomes:', JSON.stringify(tally));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const record = (op: string, outcome: 'before' | 'after') => { (tally[op] ??= { before: 0, after: 0 })[outcome] += 1; };

  it(`import commit killed ${KILLS} times: before or after, never torn`, async () => {
    const duration = await timed('import', files[KILLS + 1]!, '--db', db, '--kind', 'people');
    for (let k = 0; k < KILLS; k++) {
      const before = state(db);
      await killDuring(duration, 'import', files[k]!, '--db', db, '--kind', 'people');
      const [people, batches, audits] = before.split('/').map(Number);
      const after = [people! + ROWS, batches! + 1, audits! + 1].join('/');
      const now = state(db);
      expect([before, after], `kill ${k}`).toContain(now);
      record('import', now === before ? 'before' : 'after');
    }
  }, 180_000);

  it(`undo killed ${KILLS} times: before or after, never torn`, async () => {
    const latest = () => (new Database(db, { readonly: true }).prepare("select id from import_batches where status = 'applied' order by id desc limit 1").get() as { id: number }).id;
    let duration = 0;
    for (let k = 0; k < KILLS; k++) {
      // A batch of its own for every kill.
      const imported = workbenchSync('import', files[k]!, '--db', db, '--kind', 'people', '--json');
      if (imported.status !== 0 || imported.json().batchId === null) continue;
      if (duration === 0) { duration = await timed('undo-import', String(latest()), '--db', db); continue; }
      const before = state(db);
      await killDuring(duration, 'undo-import', String(latest()), '--db', db);
      const [people, batches, audits] = before.split('/').map(Number);
      const after = [people! - ROWS, batches! - 1, audits! + 1].join('/');
      const now = state(db);
      expect([before, after], `kill ${k}`).toContain(now);
      record('undo', now === before ? 'before' : 'after');
      // Leave no applied batch behind for the next round.
      if (now === before) expect(workbenchSync('undo-import', String(latest()), '--db', db).status).toBe(0);
    }
    expect(tally.undo!.before + tally.undo!.after).toBeGreaterThanOrEqual(KILLS - 1);
  }, 240_000);

  it(`backup --out killed ${KILLS} times: the file is whole or absent`, async () => {
    const duration = await timed('backup', '--db', db, '--out', path.join(dir, 'timing.sqlite'));
    for (let k = 0; k < KILLS; k++) {
      const out = path.join(dir, `out-${k}.sqlite`);
      await killDuring(duration, 'backup', '--db', db, '--out', out);
      if (fs.existsSync(out)) {
        expect(state(out), `kill ${k}`).not.toMatch(/CORRUPT/);
        record('backup', 'after');
      } else record('backup', 'before');
      expect(state(db)).not.toMatch(/CORRUPT/);
    }
    // Only temporary names may be left behind by the kills (removed at the next start), never a torn --out.
    const leftovers = fs.readdirSync(dir).filter((n) => n.startsWith('out-') && !/\.sqlite$/.test(n) && !/\.partial/.test(n));
    expect(leftovers).toEqual([]);
  }, 180_000);
});
