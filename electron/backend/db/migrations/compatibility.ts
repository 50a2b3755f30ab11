// Whether this build may open a database, judged from the migrations the file says it has had. Kysely
// runs migrations in name order and needs the applied ones to be the first of this build's list; anything
// else is refused here with a code, before kysely would throw in English or we would write to the file.

export type SchemaCompatibility =
  /** Every migration of this build is applied. */
  | { state: 'current' }
  /** An older file: these migrations of this build are still to run (in this order). */
  | { state: 'behind'; pending: string[] }
  /** Written by a newer version: these applied migrations are unknown to this build. Never open for writing. */
  | { state: 'newer'; unknown: string[] }
  /** Applied ones are all known, but not the first of this build's list: these earlier ones are missing. */
  | { state: 'mismatch'; missing: string[] };

/** `known` in the order kysely runs them (name order); `applied` as read from kysely_migration, any order. */
export function schemaCompatibility(applied: readonly string[], known: readonly string[]): SchemaCompatibility {
  const knownSet = new Set(known);
  const unknown = applied.filter((name) => !knownSet.has(name)).sort();
  if (unknown.length > 0) return { state: 'newer', unknown };
  const appliedSet = new Set(applied);
  const lastApplied = Math.max(-1, ...known.map((name, index) => (appliedSet.has(name) ? index : -1)));
  const missing = known.slice(0, lastApplied + 1).filter((name) => !appliedSet.has(name));
  if (missing.length > 0) return { state: 'mismatch', missing };
  const pending = known.slice(lastApplied + 1);
  return pending.length > 0 ? { state: 'behind', pending } : { state: 'current' };
}
