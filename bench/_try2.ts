import { performance } from 'node:perf_hooks';
import { startPostgresCluster } from '../electron/backend/testing/postgres';
import { initCountyDatabase } from '../electron/backend/county-setup';
import { postgresImportStore } from '../electron/backend/import/bulk-pg';
import { checkCharacter } from '../shared/domain/id-number';

const COLS = ['id_number', 'name', 'sex', 'birth_date', 'phone', 'township_code', 'village_code', 'household_no', 'relation', 'category', 'labour_ability', 'card_number', 'bank', 'remark', 'name_initials', 'updated_at'];
async function main() {
  const cluster = await startPostgresCluster();
  try {
    for (const variant of ['values', 'unnest', 'values', 'unnest']) {
      const wdb = await initCountyDatabase(await cluster.createDatabase());
      if (wdb.dialect !== 'postgres') throw new Error();
      const t = (await wdb.pool.query("select code, parent_code from divisions where level = 'village' limit 1")).rows[0];
      const rows = Array.from({ length: 100000 }, (_, i) => { const f = `130324${1950 + Math.floor(i / 1000)}0101${String(i % 1000).padStart(3, '0')}`; return [f + checkCharacter(f), `人${i}`, '男', '1980-01-01', '13900000000', t.parent_code, t.code, 'H1', '户主', '脱贫户', '普通劳动力', '', '', '', 'R', '2022-01-01']; });
      const start = performance.now();
      let ids: number[] = [];
      await wdb.db.transaction().execute(async (trx) => {
        if (variant === 'values') ids = await postgresImportStore(trx).insertRows('people', COLS, rows);
        else {
          for (let s = 0; s < rows.length; s += 10000) {
            const chunk = rows.slice(s, s + 10000);
            const arrays = COLS.map((_, c) => chunk.map((r) => r[c]));
            const res = await wdb.pool.query(`insert into people (${COLS.join(',')}) select * from unnest(${COLS.map((_, i) => `$${i + 1}::text[]`).join(',')}) returning id`, arrays);
            ids.push(...res.rows.map((r) => r.id));
          }
        }
      });
      console.log(variant, ids.length, (performance.now() - start).toFixed(0), 'ms');
      await wdb.close();
    }
  } finally { cluster.stop(); }
}
main();
