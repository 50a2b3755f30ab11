import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BulkInsert } from './bulk';

describe('multi-row inserts of an import', () => {
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
});
