// Row versions (issue 16): the records two users may edit at once — people, placements, employment records,
// attendance — carry a version that every update raises. A save names the version it loaded and is refused
// when the row has moved on ("已被他人修改，请刷新"), never a silent overwrite of the other user's change.
// The database raises the version itself (a trigger), so every writer counts: the screens, the importers'
// prepared statements, an undo, a script. An update that sets the version itself is left as it is.
// The columns are kysely's schema builder (the same on both dialects); the triggers are each dialect's own.
// Frozen: never edit a migration that has shipped; add the next one.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const VERSIONED = ['people', 'placements', 'employment_records', 'attendance'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of VERSIONED) {
    await db.schema.alterTable(table).addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  }
  if (postgres) {
    await sql`CREATE FUNCTION raise_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.version = OLD.version THEN NEW.version := OLD.version + 1; END IF;
        RETURN NEW;
      END $$`.execute(db);
    for (const table of VERSIONED) {
      await sql.raw(`CREATE TRIGGER ${table}_version BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION raise_row_version()`).execute(db);
    }
    return;
  }
  // SQLite cannot change NEW in a BEFORE trigger: the row is raised right after (recursive triggers are off,
  // so this inner update does not fire the trigger again).
  for (const table of VERSIONED) {
    await sql.raw(`CREATE TRIGGER ${table}_version AFTER UPDATE ON ${table} WHEN NEW.version = OLD.version
      BEGIN UPDATE ${table} SET version = OLD.version + 1 WHERE rowid = NEW.rowid; END`).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
