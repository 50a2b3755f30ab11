// 从此备份恢复 on a PostgreSQL store (设置 → 数据备份, an administrator's), in the running server. The same
// refusals as `workbench restore` and as a SQLite restore: the dump must be ours, whole, not from a newer
// version, of this county, with an administrator (or the current one's confirmation, whose account is then
// kept); refused while any other program is connected to the database. The server's own pool is what stands
// in the way of pg_restore, so the request gate closes (new requests wait, running ones finish), the pool is
// closed, the database is checked for others, a safety dump is taken, pg_restore replaces the contents in one
// transaction, and a new pool is opened (migrating an older dump) — in every outcome, so the server never
// stays without a database. The audit entry (and the kept administrator) are written in one transaction
// right after, on the new pool: a kill between pg_restore's commit and it leaves the restore unaudited,
// with the safety dump in the backups folder.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, getMeta, type PostgresStore } from '../db/database';
import { dumpFacts, inUse, otherConnections, refuseDump, restoreDump, safetyDump } from '../db/pg-dump';
import { WorkbenchFailure } from '../failure';
import { writeAudit } from './audit-repository';
import type { Engine } from '../context';

export interface PgRestoreOptions { confirmNoAdmin?: boolean; userId?: number; now?: Date }

/** Restores `source` (a pg_dump archive already resolved to an allowed folder) into the engine's PostgreSQL store. */
export async function restorePostgresStore(engine: Engine, source: string, username: string, options: PgRestoreOptions = {}): Promise<{ restored: string; safetyBackup: string }> {
  const store = engine.wdb;
  if (store.dialect !== 'postgres') throw new Error('restorePostgresStore: not a PostgreSQL store');
  if (!fs.existsSync(source)) throw new WorkbenchFailure('BACKUP_INVALID', { detail: '文件不存在' });
  const facts = await dumpFacts(source);
  refuseDump(facts, await getMeta(store.db, 'county_code'));
  if (facts.admins === 0 && !options.confirmNoAdmin) throw new WorkbenchFailure('BACKUP_NO_ADMIN');
  const usernames = new Map((await store.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.id, u.username]));
  const carried = facts.admins === 0 && options.userId !== undefined
    ? await store.db.selectFrom('users').select(['username', 'display_name', 'password_hash']).where('id', '=', options.userId).executeTakeFirst()
    : undefined;

  const url = store.url;
  const result = await engine.gate.exclusive(async () => {
    await store.close();
    let restored: PostgresStore | null = null;
    try {
      const others = await otherConnections(url, { settleMs: 5000 });
      if (others.length > 0) throw inUse(others);
      fs.mkdirSync(engine.backupDir, { recursive: true, mode: 0o700 });
      const safety = await safetyDump(url, engine.backupDir, options.now);
      await restoreDump(url, source);
      restored = await reopen(url);
      await restored.db.transaction().execute(async (trx) => {
        if (carried) {
          // The confirming administrator's account, put into restored data that has none.
          await trx.insertInto('users').values({ username: carried.username, display_name: carried.display_name, role: 'admin', password_hash: carried.password_hash, failed_attempts: 0, locked_until: null, disabled: 0 })
            .onConflict((oc) => oc.column('username').doUpdateSet({ role: 'admin', password_hash: carried.password_hash, disabled: 0, failed_attempts: 0, locked_until: null }))
            .execute();
        }
        await writeAudit(trx, { username, entity: 'database', entityId: null, action: 'restore', after: { from: source, safetyBackup: safety, keptAdministrator: Boolean(carried) } });
      });
      return { restored: source, safetyBackup: safety };
    } finally {
      // Whatever happened, the server goes on with a database: the restored one, or the one it had.
      engine.wdb = restored ?? await reopen(url);
    }
  });
  // A login stays only where its user id names the same account in the restored data.
  const restoredNames = new Map((await engine.wdb.db.selectFrom('users').select(['id', 'username']).where('disabled', '=', 0).execute()).map((u) => [u.id, u.username]));
  engine.sessions.retainOnly((id) => restoredNames.get(id) !== undefined && restoredNames.get(id) === usernames.get(id));
  return { ...result, restored: path.resolve(result.restored) };
}

async function reopen(url: string): Promise<PostgresStore> {
  const wdb = await openDatabase(url);
  if (wdb.dialect !== 'postgres') throw new Error('reopen: not a PostgreSQL store');
  return wdb;
}
