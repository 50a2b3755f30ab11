import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BulkInsert } from './bulk';
import { sqliteImportStore } from './bulk-sqlite-store';

describe('the inserts of an import', () => {
  it('returns the rowid of every row, across full and partial batches, after existing rows and gaps', () => {
    const db = new Database(':memory:');
    db.exec('create table t (id integer primary key autoincrement, name text not null, n integer)');
    db.exec("insert into t (name, n) values ('a', 1), ('b', 2); delete from t where id = 2; insert into t (id, name, n) values (10, 'gap', 0)");
    const bulk = new BulkInsert(db, 't', ['name', 'n']);
    const rows = Array.from({ length: bulk.batchSize * 2 + 7 }, (_, i) => [`r${i}`, i]);
    const ids = bulk.insertNow(rows);
    const stored = db.prepare('select id, name from t where id > 10 order by id').all() as { id: number; name: string }[];
    expect(ids).toEqual(stored.map((r) => r.id));
    expect(stored.map((r) => r.name)).toEqual(rows.map((r) => r[0]));
    for (const r of rows.slice(0, 3)) bulk.add(r);
    bulk.flush();
    expect((db.prepare('select count(*) n from t').get() as { n: number }).n).toBe(2 + rows.length + 3);
    db.close();
  });

  it('records the creation of every row given, whether their ids run on or not', async () => {
    const db = new Database(':memory:');
    db.exec('create table t (id integer primary key autoincrement, name text not null)');
    db.exec('create table import_changes (id integer primary key, batch_id integer, entity text, entity_id integer, action text, before_json text, after_json text)');
    db.exec("insert into t (name) values ('a'), ('b'), ('c'), ('d'), ('e'), ('f'), ('g'), ('h')");
    await sqliteImportStore(db).recordCreated(7, 'thing', 't', [2, 3, 4, 6, 8], ['name']);
    const changes = db.prepare('select batch_id, entity_id, action, after_json from import_changes order by id').all() as { batch_id: number; entity_id: number; action: string; after_json: string }[];
    expect(changes.map((c) => c.entity_id)).toEqual([2, 3, 4, 6, 8]);
    expect(changes.every((c) => c.batch_id === 7 && c.action === 'create')).toBe(true);
    expect(JSON.parse(changes[3]!.after_json)).toEqual({ id: 6, name: 'f' });
    db.close();
  });
});
