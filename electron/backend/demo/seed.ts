// `init --demo`: fills the reference county with its demo people. Later work adds posts, payroll, employment.
import type { EngineContext } from '../context';
import { personColumns } from '../repositories/people';
import { demoPeople } from './people';
import { seedDemoPayroll } from './payroll';

export interface DemoCounts { people: number; households: number; attendance: number; approvedLines: number }

export async function seedDemo(ctx: EngineContext): Promise<DemoCounts> {
  const villages = ctx.townships.flatMap((t) => t.villages.map((v) => ({ townshipCode: t.code, villageCode: v.code })));
  const people = demoPeople(villages);
  // The driver's prepared statement in one transaction: ~10× faster than building 9,236 kysely queries.
  const columns = Object.keys(personColumns(people[0]!));
  const insert = ctx.wdb.sqlite.prepare(`insert into people (${columns.join(',')}) values (${columns.map((c) => '@' + c).join(',')})`);
  ctx.wdb.sqlite.transaction(() => {
    for (const person of people) insert.run(personColumns(person));
  })();
  // After posts and placements: attendance and approved months for the 2022 placements.
  const payroll = await seedDemoPayroll(ctx);
  return { people: people.length, households: new Set(people.map((p) => p.householdNo)).size, ...payroll };
}
