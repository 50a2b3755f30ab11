// Users (用户) and the townships a clerk is assigned.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, UserTable } from '../db/schema';
import type { Actor, Role } from '../context';

type Db = Kysely<Database> | Transaction<Database>;

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  townships: string[];
  disabled: boolean;
  lockedUntil: string | null;
  failedAttempts: number;
  passwordHash: string | null;
}

async function townshipsOf(db: Db, userId: number): Promise<string[]> {
  const rows = await db.selectFrom('user_townships').select('township_code').where('user_id', '=', userId).orderBy('township_code').execute();
  return rows.map((r) => r.township_code);
}

async function toRecord(db: Db, row: Selectable<UserTable>): Promise<UserRecord> {
  return {
    id: row.id, username: row.username, displayName: row.display_name, role: row.role,
    townships: await townshipsOf(db, row.id), disabled: row.disabled === 1, lockedUntil: row.locked_until,
    failedAttempts: row.failed_attempts, passwordHash: row.password_hash,
  };
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUserByName(db: Db, username: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? toRecord(db, row) : undefined;
}

export async function findUserById(db: Db, id: number): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(db, row) : undefined;
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('id').execute();
  return Promise.all(rows.map((row) => toRecord(db, row)));
}

export interface UserFields { username: string; displayName: string; role: Role; townships: string[]; disabled: boolean }

export async function insertUser(db: Db, fields: UserFields, passwordHash: string): Promise<number> {
  const row = await db.insertInto('users').values({
    username: fields.username, display_name: fields.displayName, role: fields.role, password_hash: passwordHash, disabled: fields.disabled ? 1 : 0,
  }).returning('id').executeTakeFirstOrThrow();
  await setTownships(db, row.id, fields.townships);
  return row.id;
}

export async function updateUser(db: Db, id: number, fields: UserFields): Promise<void> {
  await db.updateTable('users').set({ username: fields.username, display_name: fields.displayName, role: fields.role, disabled: fields.disabled ? 1 : 0 }).where('id', '=', id).execute();
  await setTownships(db, id, fields.townships);
}

async function setTownships(db: Db, userId: number, townships: string[]): Promise<void> {
  await db.deleteFrom('user_townships').where('user_id', '=', userId).execute();
  if (townships.length) await db.insertInto('user_townships').values(townships.map((township_code) => ({ user_id: userId, township_code }))).execute();
}

export async function setPassword(db: Db, id: number, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, failed_attempts: 0, locked_until: null }).where('id', '=', id).execute();
}

/**
 * Counts a failed login; the fifth in a row locks the account for 15 minutes. One statement reads the
 * count, adds one and decides the lock, so 50 wrong passwords sent at once count as 50 (a read-then-write
 * from the login's earlier read would let them all see "0 so far"). Returns the lock end, if locked.
 */
export async function recordFailedLogin(db: Db, user: UserRecord, now: Date): Promise<string | null> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
  const row = await sql<{ locked_until: string | null }>`update users set
      failed_attempts = case when locked_until > ${at} then failed_attempts when failed_attempts + 1 >= ${MAX_FAILED_LOGINS} then 0 else failed_attempts + 1 end,
      locked_until = case when locked_until > ${at} then locked_until when failed_attempts + 1 >= ${MAX_FAILED_LOGINS} then ${until} else null end
    where id = ${user.id} returning locked_until`.execute(db);
  const lockedUntil = row.rows[0]?.locked_until ?? null;
  return lockedUntil && lockedUntil > at ? lockedUntil : null;
}

/**
 * Clears the count after a right password — unless a lock was set meanwhile (by wrong passwords sent in
 * the same burst): then false, and the login is refused.
 */
export async function recordSuccessfulLogin(db: Db, id: number, now: Date = new Date()): Promise<boolean> {
  const result = await db.updateTable('users').set({ failed_attempts: 0, locked_until: null })
    .where('id', '=', id).where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())])).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function actorOf(user: UserRecord): Actor {
  return { username: user.username, role: user.role, townships: user.role === 'clerk' ? user.townships : null, userId: user.id, displayName: user.displayName };
}
