// Test helper: people, posts and placements inserted straight into a test database, so the payroll can be
// tested without the placements screen. Each person gets a valid ID number and card.
import type { EngineContext } from '../context';
import { checkCharacter } from '../../../shared/domain/id-number';
import { personColumns } from '../people/repository';

export interface FixturePlacement {
  townshipIndex?: number;
  name?: string;
  birth?: string;
  startDate?: string;
  agreementEndDate?: string;
  exitDate?: string | null;
  subsidyFen?: number;
  cardNumber?: string;
  householdNo?: string;
  category?: string;
  year?: number;
}

let serial = 0;

/** Inserts one person, one post and one placement per entry (in one transaction); returns their placement and person ids. */
export async function insertPlacements(ctx: EngineContext, entries: readonly FixturePlacement[]): Promise<{ placementId: number; personId: number; idNumber: string; townshipCode: string }[]> {
  return ctx.wdb.db.transaction().execute(async (trx) => {
    const placed: { placementId: number; personId: number; idNumber: string; townshipCode: string }[] = [];
    for (const e of entries) {
      serial += 1;
      const township = ctx.townships[e.townshipIndex ?? 0]!;
      const village = township.villages[serial % township.villages.length]!;
      const first17 = `130324${e.birth ?? '19700101'}${String(serial).padStart(3, '0')}`;
      const idNumber = first17 + checkCharacter(first17);
      const columns = personColumns({
        idNumber, name: e.name ?? `测试${serial}`, phone: '', townshipCode: township.code, villageCode: village.code,
        householdNo: e.householdNo ?? `HH${serial}`, relation: '户主', category: e.category ?? '脱贫户', labourAbility: '普通劳动力',
        cardNumber: e.cardNumber ?? `6217${String(serial).padStart(15, '0')}`, bank: '', remark: '',
      });
      const personId = (await trx.insertInto('people').values(columns).returning('id').executeTakeFirstOrThrow()).id;
      const postId = (await trx.insertInto('posts').values({ year: e.year ?? 2022, township_code: township.code, village_code: village.code, post_type: '保洁', employing_unit: '村民委员会' })
        .returning('id').executeTakeFirstOrThrow()).id;
      const placementId = (await trx.insertInto('placements').values({
        person_id: personId, post_id: postId, start_date: e.startDate ?? '2022-03-01', agreement_end_date: e.agreementEndDate ?? '2022-12-31',
        subsidy_fen: e.subsidyFen ?? 65000, exit_date: e.exitDate ?? null,
      }).returning('id').executeTakeFirstOrThrow()).id;
      placed.push({ placementId, personId, idNumber, townshipCode: township.code });
    }
    return placed;
  });
}
