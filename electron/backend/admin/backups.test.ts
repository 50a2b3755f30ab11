import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, tempDir, type TempDb } from '../testing/temp-db';
import { grantFolder } from '../context';
import { automaticBackup, dailyBackupIfDue, inspectBackup, RETENTION, restoreBackup } from './backups';
import { dispatch } from '../dispatch';
import { initCountyDatabase } from '../county-setup';
import { backupTo } from '../db/backup';
import { WorkbenchFailure } from '../failure';
import { requireSqlite } from '../db/database';

const TABLES = ['people', 'divisions', 'year_policies', 'users', 'placements', 'posts'];
function snapshot(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((t) => [t, db.prepare(`select * from ${t} order by rowid`).all()]));
  } finally { db.close(); }
}

describe('backups and restore', () => {
  let temp: TempDb;
  beforeAll(async () => { temp = await createTempDb({ demo: true }); });
  afterAll(async () => { await temp.cleanup(); });

  it('takes an online backup while writes are going on; the copy is whole and consistent', async () => {
    const sqlite = requireSqlite(temp.ctx.wdb, 'test');
    const update = sqlite.prepare('update people set remark = ? where id = ?');
    let writes = 0;
    const writer = setInterval(() => { sqlite.transaction(() => { for (let i = 1; i <= 50; i++) update.run(`w${writes}`, i); })(); writes += 1; }, 1);
    const file = (await automaticBackup(temp.ctx.engine, 'test'))!;
    clearInterval(writer);
    expect(writes).toBeGreaterThan(0);
    const inspection = inspectBackup(file);
    expect(inspection).toMatchObject({ ok: true, county: '130324000000', people: 9236 });
    const copy = new Database(file, { readonly: true });
    const remarks = copy.prepare('select distinct remark from people where id <= 50').all() as { remark: string | null }[];
    copy.close();
    // Each write transaction touched rows 1..50 together: a consistent copy holds one value for all of them.
    expect(remarks).toHaveLength(1);
  });

  it('keeps each kind of backup to its own count: a burst of imports never prunes the daily or pre-migration copies', async () => {
    const engine = temp.ctx.engine;
    fs.mkdirSync(engine.backupDir, { recursive: true });
    for (const name of fs.readdirSync(engine.backupDir)) fs.rmSync(path.join(engine.backupDir, name));
    for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(engine.backupDir, `workbench-2020010${i + 1}-000000-before-migration.sqlite`), 'x');
    const day = new Date('2026-11-23T08:00:00Z');
    expect(await dailyBackupIfDue(engine, day)).not.toBeNull();
    expect(await dailyBackupIfDue(engine, day)).toBeNull();
    for (let i = 0; i < RETENTION.risky.keep + 22; i++) await automaticBackup(engine, 'before-import', new Date(Date.UTC(2026, 10, 24, 0, 0, i)));
    const names = fs.readdirSync(engine.backupDir);
    expect(names.filter((n) => n.endsWith('-before-import.sqlite'))).toHaveLength(RETENTION.risky.keep);
    expect(names.filter((n) => n.endsWith('-daily.sqlite'))).toHaveLength(1);
    // Pruning happens per kind when that kind is written: the migration copies wait for the next migration.
    expect(names.filter((n) => n.endsWith('-before-migration.sqlite'))).toHaveLength(5);
    await automaticBackup(engine, 'before-migration', new Date(Date.UTC(2026, 10, 25)));
    expect(fs.readdirSync(engine.backupDir).filter((n) => n.endsWith('-before-migration.sqlite'))).toHaveLength(RETENTION.migration.keep);
    const listed = await dispatch(temp.ctx, 'backups.list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    expect((listed.data as { retention: unknown }).retention).toEqual([
      { kind: 'risky', label: RETENTION.risky.label, count: RETENTION.risky.keep, keep: RETENTION.risky.keep },
      { kind: 'daily', label: RETENTION.daily.label, count: 1, keep: RETENTION.daily.keep },
      { kind: 'migration', label: RETENTION.migration.label, count: RETENTION.migration.keep, keep: RETENTION.migration.keep },
      { kind: 'manual', label: RETENTION.manual.label, count: 0, keep: RETENTION.manual.keep },
    ]);
    // Backups are readable by this user only.
    if (process.platform !== 'win32') {
      expect(fs.statSync(engine.backupDir).mode & 0o777).toBe(0o700);
      for (const name of fs.readdirSync(engine.backupDir).filter((n) => /-(daily|before-import)\.sqlite$/.test(n))) expect(fs.statSync(path.join(engine.backupDir, name)).mode & 0o777, name).toBe(0o600);
    }
  });

  it('restores a backup: a change made after it is gone, every table is identical, and the restore is audited', async () => {
    const engine = temp.ctx.engine;
    const backup = await dispatch(temp.ctx, 'backups.create', {});
    if (!backup.ok) throw new Error(backup.error.message);
    const file = (backup.data as { file: string }).file;
    const before = snapshot(file);
    requireSqlite(engine.wdb, 'test').prepare("update people set name = '改过的名字' where id = 1").run();
    // The demo database has no administrator account: restoring it needs the current administrator's word.
    expect(await dispatch(temp.ctx, 'backups.restore', { file: path.basename(file) })).toMatchObject({ ok: false, error: { code: 'BACKUP_NO_ADMIN' } });
    const restored = await dispatch(temp.ctx, 'backups.restore', { file: path.basename(file), confirmNoAdmin: true });
    expect(restored.ok).toBe(true);
    // The engine now works on the restored file.
    expect((requireSqlite(engine.wdb, 'test').prepare('select name from people where id = 1').get() as { name: string }).name).not.toBe('改过的名字');
    expect(snapshot(engine.wdb.path)).toEqual(before);
    expect(requireSqlite(engine.wdb, 'test').prepare("select count(*) n from audit_log where action = 'restore'").get()).toEqual({ n: 1 });
    // The state before the restore was kept as a safety backup, holding the change.
    const safety = (restored as { data: { safetyBackup: string } }).data.safetyBackup;
    const safetyDb = new Database(safety, { readonly: true });
    expect((safetyDb.prepare('select name from people where id = 1').get() as { name: string }).name).toBe('改过的名字');
    safetyDb.close();

    // Confirmed by a logged-in administrator: their account is carried into the restored data, so first
    // setup does not reopen to anyone who connects.
    const saved = await dispatch(temp.ctx, 'users.save', { username: 'boss', displayName: '局长', role: 'admin', townships: [], disabled: false, password: 'Boss-2026-x' });
    if (!saved.ok) throw new Error(saved.error.message);
    const boss = { ...temp.ctx, actor: { username: 'boss', role: 'admin' as const, townships: null, userId: (saved.data as { id: number }).id } };
    const again = await dispatch(boss, 'backups.restore', { file: path.basename(file), confirmNoAdmin: true });
    expect(again.ok).toBe(true);
    expect(requireSqlite(engine.wdb, 'test').prepare("select username, role, password_hash is not null hashed from users").all()).toEqual([{ username: 'boss', role: 'admin', hashed: 1 }]);
    expect(await dispatch(boss, 'auth.status', {})).toMatchObject({ ok: true, data: { needsSetup: false } });
  });

  it('refuses a corrupt, foreign or unknown file and changes nothing', async () => {
    const engine = temp.ctx.engine;
    const dir = tempDir();
    const outside = path.join(dir, 'outside.sqlite');
    await backupTo(requireSqlite(engine.wdb, 'test'), outside);
    // A file outside the backups folder is refused until a folder dialog grants its folder.
    await expect(restoreBackup(engine, outside, 'admin')).rejects.toSatisfy((e: unknown) => e instanceof WorkbenchFailure && e.code === 'PATH_NOT_ALLOWED');
    await expect(dispatch(temp.ctx, 'backups.create', { directory: dir })).resolves.toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    grantFolder(engine, dir);
    const garbage = path.join(dir, 'garbage.sqlite');
    fs.writeFileSync(garbage, 'definitely not sqlite');
    const truncated = path.join(dir, 'truncated.sqlite');
    await backupTo(requireSqlite(engine.wdb, 'test'), truncated);
    fs.truncateSync(truncated, 40_000);
    const otherCounty = path.join(dir, 'other.sqlite');
    const other = await initCountyDatabase(otherCounty, '130321');
    await other.close();
    const before = snapshot(engine.wdb.path);
    for (const [file, code] of [[garbage, 'BACKUP_INVALID'], [truncated, 'BACKUP_INVALID'], [otherCounty, 'BACKUP_FOREIGN'], [path.join(dir, 'missing.sqlite'), 'BACKUP_INVALID']] as const) {
      await expect(restoreBackup(engine, file, 'admin')).rejects.toSatisfy((e: unknown) => e instanceof WorkbenchFailure && e.code === code);
    }
    expect(snapshot(engine.wdb.path)).toEqual(before);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the audit log append-only, for administrators too', () => {
    const sqlite = requireSqlite(temp.ctx.engine.wdb, 'test');
    expect(() => sqlite.prepare("update audit_log set username = 'x'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('delete from audit_log').run()).toThrow(/append-only/);
  });

  it('records before and after values of a change, filterable by person, user and action', async () => {
    const person = requireSqlite(temp.ctx.engine.wdb, 'test').prepare('select * from people where id = 5').get() as Record<string, string>;
    const input = { idNumber: person.id_number, name: '新名字', phone: person.phone ?? '', townshipCode: person.township_code, villageCode: person.village_code, householdNo: person.household_no ?? '', relation: person.relation ?? '', category: person.category, labourAbility: person.labour_ability, cardNumber: person.card_number ?? '', bank: person.bank ?? '', remark: '' };
    const ctx = { ...temp.ctx, ...temp.ctx.engine, actor: { username: 'admin', role: 'admin' as const, townships: null } };
    expect((await dispatch(ctx, 'people.save', { id: 5, version: Number(person.version), person: input })).ok).toBe(true);
    const list = await dispatch(ctx, 'audit.list', { person: person.id_number, action: 'update' });
    if (!list.ok) throw new Error(list.error.message);
    const entries = (list.data as { entries: { before: string; after: string; username: string; summary: string }[] }).entries;
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.before).name).toBe(person.name);
    expect(JSON.parse(entries[0]!.after).name).toBe('新名字');
    expect(entries[0]!.summary).toBe('修改人员：新名字');
    const byName = await dispatch(ctx, 'audit.list', { person: '新名字', username: 'admin' });
    expect(byName.ok && (byName.data as { entries: unknown[] }).entries.length).toBeGreaterThan(0);
    const exported = await dispatch(ctx, 'audit.export', { person: '新名字' });
    expect(exported.ok && (exported.data as { rows: number }).rows).toBeGreaterThan(0);
  });
});
