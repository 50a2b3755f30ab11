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

/** Inserts one person, one post and one placement per entry; returns their placement and person ids. */
export function insertPlacements(ctx: EngineContext, entries: readonly FixturePlacement[]): { placementId: number; personId: number; idNumber: string; townshipCode: string }[] {
  const sqlite = ctx.wdb.sqlite;
  const insertPost = sqlite.prepare("insert into posts (year, township_code, village_code, post_type, employing_unit) values (?, ?, ?, '保洁', '村民委员会')");
  const insertPlacement = sqlite.prepare('insert into placements (person_id, post_id, start_date, agreement_end_date, subsidy_fen, exit_date) values (?, ?, ?, ?, ?, ?)');
  return sqlite.transaction(() => entries.map((e) => {
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
    const names = Object.keys(columns);
    const personId = Number(sqlite.prepare(`insert into people (${names.join(',')}) values (${names.map((n) => '@' + n).join(',')})`).run(columns).lastInsertRowid);
    const postId = Number(insertPost.run(e.year ?? 2022, township.code, village.code).lastInsertRowid);
    const placementId = Number(insertPlacement.run(personId, postId, e.startDate ?? '2022-03-01', e.agreementEndDate ?? '2022-12-31', e.subsidyFen ?? 65000, e.exitDate ?? null).lastInsertRowid);
    return { placementId, personId, idNumber, townshipCode: township.code };
  }))();
}

