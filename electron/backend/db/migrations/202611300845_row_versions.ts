// Row versions (issue 16): the records two users may edit at once — people, placements, employment records,
// attendance — carry a version that every update raises. A save names the version it loaded and is refused
// when the row has moved on ("已被他人修改，请刷新"), never a silent overwrite of the other user's change.
// The database raises the version itself (a trigger), so every writer counts: the screens, the importers'
// prepared statements, an undo, a script. An update that sets the version itself is left as it is.
// The columns are kysely's schema builder (the same on both stores). The triggers are SQLite's; on
// PostgreSQL their PL/pgSQL twin (a BEFORE UPDATE trigger) is in migrations/postgres.ts under this name.
// Frozen: never edit a migration that has shipped; add the next one.
import { sql, type Kysely } from 'kysely';

export const VERSIONED_TABLES = ['people', 'placements', 'employment_records', 'attendance'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of VERSIONED_TABLES) {
    await db.schema.alterTable(table).addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  }
  // SQLite cannot change NEW in a BEFORE trigger: the row is raised right after (recursive triggers are off,
  // so this inner update does not fire the trigger again).
  for (const table of VERSIONED_TABLES) {
    await sql.raw(`CREATE TRIGGER ${table}_version AFTER UPDATE ON ${table} WHEN NEW.version = OLD.version
      BEGIN UPDATE ${table} SET version = OLD.version + 1 WHERE rowid = NEW.rowid; END`).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
