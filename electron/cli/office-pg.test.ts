// The two office seats of office.test.ts on PostgreSQL: two `serve` processes on one database of the run's
// throwaway cluster (unit-pg project), where transactions really run side by side.
import { tempPostgresDatabase } from '../backend/testing/temp-postgres';
import { twoSeatsSuite } from './testing/two-seats';

twoSeatsSuite('PostgreSQL', async () => {
  const database = await tempPostgresDatabase();
  return { location: database.url, drop: database.drop };
});
