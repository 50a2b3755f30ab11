// Public-welfare posts (公益岗位): reading and writing post records, and counts per township.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, NewPost, PostRow } from '../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertPost(db: Db, post: Omit<NewPost, 'id' | 'created_at'>): Promise<PostRow> {
  return db.insertInto('posts').values(post).returningAll().executeTakeFirstOrThrow();
}

export async function getPost(db: Db, id: number): Promise<PostRow | undefined> {
  return db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPosts(db: Db, year: number, townships: readonly string[] | null): Promise<PostRow[]> {
  let query = db.selectFrom('posts').selectAll().where('year', '=', year);
  if (townships) query = query.where('township_code', 'in', townships.length ? [...townships] : ['']);
  return query.orderBy('township_code').orderBy('village_code').orderBy('id').execute();
}

/** Posts developed in a year, per township code. */
export async function postCountsByTownship(db: Db, year: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('posts').select(['township_code', sql<number>`count(*)`.as('n')])
    .where('year', '=', year).groupBy('township_code').execute();
  return new Map(rows.map((r) => [r.township_code, Number(r.n)]));
}
