// Creating a database for a county: divisions from the catalogue, and the reference county's year policies.
import { createDatabase, setMeta, type WorkbenchDb } from './db/database';
import { loadCounty } from './divisions/catalogue';
import { insertCounty } from './divisions/repository';
import { insertPolicy } from './posts/policies-repository';
import { REFERENCE_COUNTY_CODE, REFERENCE_COUNTY_POLICIES } from '../../shared/domain/policy';

export const DEFAULT_COUNTY = REFERENCE_COUNTY_CODE;

export async function initCountyDatabase(file: string, countyCode: string = DEFAULT_COUNTY): Promise<WorkbenchDb> {
  const code6 = countyCode.slice(0, 6);
  const county = loadCounty(code6); // throws UNKNOWN_COUNTY before any file is created
  const wdb = await createDatabase(file);
  await wdb.db.transaction().execute(async (trx) => {
    await insertCounty(trx, county);
    await setMeta(trx, 'county_code', county.code);
    await setMeta(trx, 'city_name', county.cityName);
    await setMeta(trx, 'province_name', county.provinceName);
    if (code6 === REFERENCE_COUNTY_CODE) for (const policy of REFERENCE_COUNTY_POLICIES) await insertPolicy(trx, policy);
  });
  return wdb;
}
