// The demo county's 2022 employment ledger, 131 services, 12 training sessions (645 trainees) and township
// targets. Runs after the people and the public-welfare placements exist: everyone on a post counts as
// employed (公益岗位), and exactly enough other labourers are employed that the county reaches the published
// 4,019 against its target of 3,946. Deterministic (DemoRandom); one transaction of prepared statements.
import type { EngineContext } from '../context';
import { DemoRandom } from './random';
import { isLabourer, placementActiveOn, placementSpan, type EmploymentForm } from '../../../shared/domain/employment';
import { DEFAULT_AGE_BAND } from '../../../shared/domain/policy';
import { ageOn } from '../../../shared/domain/id-number';
import { requireSqlite } from '../db/database';

export const DEMO_YEAR = 2022;
export const DEMO_EMPLOYED = 4019;
export const DEMO_TRAINING_SIZES = [60, 55, 50, 58, 52, 48, 56, 54, 50, 52, 55, 55] as const; // 12 sessions, 645 people

/** Shares of the labourers employed other than on posts, by form (county statistics of the kind, rounded). */
const FORM_SHARES: readonly (readonly [EmploymentForm, number])[] = [
  ['省外务工', 27], ['省内县外务工', 31], ['县内务工', 20], ['就业帮扶车间', 8], ['自主创业', 4], ['灵活就业', 10],
];

const PLACES: Record<string, readonly (readonly [string, string])[]> = {
  省外务工: [['北京市', '北京市'], ['天津市', '天津市'], ['辽宁省', '大连市'], ['山东省', '青岛市'], ['江苏省', '苏州市'], ['内蒙古自治区', '鄂尔多斯市']],
  省内县外务工: [['河北省', '秦皇岛市'], ['河北省', '唐山市'], ['河北省', '石家庄市'], ['河北省', '廊坊市'], ['河北省', '承德市']],
  县内务工: [['河北省', '卢龙县']], 就业帮扶车间: [['河北省', '卢龙县']], 自主创业: [['河北省', '卢龙县']], 灵活就业: [['河北省', '卢龙县']],
};
const EMPLOYERS: Record<string, readonly string[]> = {
  省外务工: ['北京城建集团', '天津港物流公司', '大连某造船厂', '青岛某电子厂', '苏州某精密制造公司', '北京某物业公司', '天津某食品厂'],
  省内县外务工: ['秦皇岛某玻璃公司', '唐山某钢铁公司', '秦皇岛某酒店', '石家庄某建筑公司', '廊坊某物流园', '秦皇岛港务公司'],
  县内务工: ['卢龙县某粉丝厂', '卢龙县某甘薯加工厂', '卢龙县某建材公司', '卢龙县某养殖场', '卢龙县某超市'],
  就业帮扶车间: ['村就业帮扶车间（手工编织）', '村就业帮扶车间（服装加工）', '村就业帮扶车间（甘薯分拣）'],
  自主创业: ['个体养殖', '个体商店', '农家乐', '电商直播'],
  灵活就业: ['零工', '网约配送', '家政服务', '农业季节工'],
};
const INCOME_RANGE_YUAN: Record<string, readonly [number, number]> = {
  省外务工: [4500, 7000], 省内县外务工: [3500, 5500], 县内务工: [2500, 4000], 就业帮扶车间: [2000, 3200], 自主创业: [3000, 6000], 灵活就业: [1500, 3000],
};
const OFFERS: readonly (readonly [string, string])[] = [
  ['卢龙县某粉丝厂', '包装工'], ['秦皇岛某酒店', '客房服务员'], ['卢龙县某建材公司', '叉车司机'], ['天津某食品厂', '普工'],
  ['秦皇岛某物业公司', '保安'], ['卢龙县某养殖场', '饲养员'], ['唐山某物流园', '分拣员'], ['卢龙县某超市', '理货员'],
];
const TRAININGS: readonly (readonly [string, string])[] = [
  ['家政服务', '家政服务员'], ['中式烹调', '中式烹调师'], ['电工', '电工'], ['焊工', '焊工'], ['养老护理', '养老护理员'], ['电子商务', '电子商务师'],
  ['果树栽培', '农作物植保员'], ['农机驾驶与维修', '农业机械操作工'], ['育婴员', '育婴员'], ['面点制作', '中式面点师'], ['挖掘机操作', '挖掘机驾驶员'], ['甘薯种植与加工', '农产品加工工'],
];
const ORGANISERS = ['卢龙县职业技术教育中心', '卢龙县人力资源和社会保障局', '秦皇岛某职业培训学校', '卢龙县农业农村局'];

/** Splits a total over weights so the parts add up exactly (largest remainder); nothing to split by, nothing given. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) { if (left <= 0) break; parts[i]! += 1; left -= 1; }
  return parts;
}

function shuffle<T>(random: DemoRandom, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface DemoEmploymentCounts { labourers: number; employed: number; onPosts: number; services: number; trainings: number; trainees: number }

export function seedDemoEmployment(ctx: EngineContext, seed = 2022): DemoEmploymentCounts {
  const sqlite = requireSqlite(ctx.wdb, '示范数据');
  const year = DEMO_YEAR;
  const random = new DemoRandom(seed);
  const policy = (sqlite.prepare('select min_age as minAge, warn_age as warnAge, employment_target as target from year_policies where year = ?').get(year) as { minAge: number; warnAge: number; target: number | null } | undefined)
    ?? { ...DEFAULT_AGE_BAND, target: null };
  const people = sqlite.prepare('select id, birth_date, labour_ability, township_code from people order by id').all() as { id: number; birth_date: string; labour_ability: string; township_code: string }[];
  const placements = (sqlite.prepare('select person_id, start_date, agreement_end_date, exit_date, exit_reason from placements').all() as { person_id: number; start_date: string; agreement_end_date: string; exit_date: string | null; exit_reason: string | null }[])
    .map((p) => ({ personId: p.person_id, exitReason: p.exit_reason, placement: { startDate: p.start_date, agreementEndDate: p.agreement_end_date, exitDate: p.exit_date, employingUnit: '', subsidyFen: 0 } }));
  // The ledger of a past year is read on its last day: whoever is on a post then is employed in 公益岗位.
  const ledgerDate = `${year}-12-31`;
  const onPost = new Set(placements.filter((p) => placementActiveOn(p.placement, ledgerDate)).map((p) => p.personId));
  const heldPost = new Set(placements.filter((p) => placementSpan(p.placement, year)).map((p) => p.personId));
  // People who left a post during the year, with why: their ledger rows say what they did next.
  const leftPost = new Map(placements.filter((p) => heldPost.has(p.personId) && !onPost.has(p.personId) && p.placement.exitDate?.startsWith(String(year))).map((p) => [p.personId, p] as const));

  const labourers = people.filter((p) => isLabourer({ birthDate: p.birth_date, labourAbility: p.labour_ability }, year, policy, heldPost.has(p.id)));
  const leavers = labourers.filter((p) => leftPost.has(p.id));
  const others = shuffle(random, labourers.filter((p) => !heldPost.has(p.id)));
  const goesAway = (personId: number) => {
    const left = leftPost.get(personId)!;
    return left.exitReason === '外出务工' && Number(left.placement.exitDate!.slice(5, 7)) < 12;
  };
  const leaversAway = leavers.filter((p) => goesAway(p.id)).length;
  const employedOthers = DEMO_EMPLOYED - onPost.size - leaversAway;
  if (employedOthers < 0 || employedOthers > others.length) {
    throw new Error(`demo employment: ${onPost.size} people on posts and ${others.length} other labourers cannot make ${DEMO_EMPLOYED} employed`);
  }

  const insertRecord = sqlite.prepare(`insert into employment_records (person_id, year, status, form, destination, destination_city, employer, start_month, months_worked, avg_income_fen, wants_work, reason_not_employed, updated_at)
    values (@person_id, ${year}, @status, @form, @destination, @destination_city, @employer, @start_month, @months_worked, @avg_income_fen, @wants_work, @reason, @updated_at)`);
  const insertService = sqlite.prepare("insert into services (person_id, date, kind, employer, post, note, created_by) values (?, ?, ?, ?, ?, ?, 'demo')");
  const insertTraining = sqlite.prepare('insert into trainings (year, name, trade, start_date, end_date, place, organiser) values (?, ?, ?, ?, ?, ?, ?)');
  const insertTrainee = sqlite.prepare('insert into trainees (training_id, person_id, completed, certificate) values (?, ?, ?, ?)');
  const upsertTarget = sqlite.prepare(`insert into township_plans (year, township_code, planned_posts, employment_target) values (?, ?, null, ?)
    on conflict (year, township_code) do update set employment_target = excluded.employment_target`);
  const updatedAt = `${year}-12-20T08:00:00.000Z`;

  const formCounts = apportion(employedOthers, FORM_SHARES.map(([, w]) => w));
  const forms: EmploymentForm[] = FORM_SHARES.flatMap(([form], i) => new Array<EmploymentForm>(formCounts[i]!).fill(form));
  let services = 0;
  const seekers: number[] = [];
  const ageOf = (birth: string) => ageOn(birth, `${year}-12-31`);

  sqlite.transaction(() => {
    // Left a post to work away: employed away from the month after; other leavers are not working now.
    for (const person of leavers) {
      const { exitReason, placement } = leftPost.get(person.id)!;
      const exitMonth = Number(placement.exitDate!.slice(5, 7));
      if (goesAway(person.id)) {
        const form: EmploymentForm = random.next() < 0.5 ? '省外务工' : '省内县外务工';
        const [province, city] = random.pick(PLACES[form]!);
        const [low, high] = INCOME_RANGE_YUAN[form]!;
        insertRecord.run({
          person_id: person.id, status: '已就业', form, destination: province, destination_city: city, employer: random.pick(EMPLOYERS[form]!),
          start_month: `${year}-${String(exitMonth + 1).padStart(2, '0')}`, months_worked: 12 - exitMonth, avg_income_fen: random.int(low / 100, high / 100) * 10000,
          wants_work: null, reason: null, updated_at: updatedAt,
        });
      } else {
        const status = exitReason === '死亡' ? '无劳动能力' : '未就业';
        insertRecord.run({ person_id: person.id, status, form: null, destination: null, destination_city: null, employer: null, start_month: null, months_worked: null, avg_income_fen: null, wants_work: 0, reason: exitReason === '死亡' ? '已故' : `已退公益岗位（${exitReason ?? '其他'}）`, updated_at: updatedAt });
      }
    }
    others.forEach((person, i) => {
      if (i < employedOthers) {
        const form = forms[i]!;
        const [province, city] = random.pick(PLACES[form]!);
        const start = random.weighted([[1, 30], [2, 15], [3, 25], [4, 10], [5, 6], [6, 5], [7, 4], [8, 3], [9, 2]] as const);
        const [low, high] = INCOME_RANGE_YUAN[form]!;
        insertRecord.run({
          person_id: person.id, status: '已就业', form, destination: province, destination_city: city, employer: random.pick(EMPLOYERS[form]!),
          start_month: `${year}-${String(start).padStart(2, '0')}`, months_worked: Math.max(1, 13 - start - random.weighted([[0, 80], [1, 12], [2, 8]] as const)),
          avg_income_fen: random.int(low / 100, high / 100) * 10000, wants_work: null, reason: null, updated_at: updatedAt,
        });
        return;
      }
      const age = ageOf(person.birth_date);
      if (random.next() < 0.04) {
        insertRecord.run({ person_id: person.id, status: '无劳动能力', form: null, destination: null, destination_city: null, employer: null, start_month: null, months_worked: null, avg_income_fen: null, wants_work: 0, reason: '身体原因', updated_at: updatedAt });
        return;
      }
      const wants = age <= 22 ? random.next() < 0.2 : random.next() < 0.68;
      const reason = wants ? random.weighted([['无合适岗位', 60], ['缺乏技能', 40]] as const)
        : age <= 22 ? '在校学生' : age >= 55 ? random.weighted([['年龄偏大', 60], ['照料家庭', 25], ['身体原因', 15]] as const)
        : random.weighted([['照料家庭', 70], ['身体原因', 30]] as const);
      insertRecord.run({ person_id: person.id, status: '未就业', form: null, destination: null, destination_city: null, employer: null, start_month: null, months_worked: null, avg_income_fen: null, wants_work: wants ? 1 : 0, reason, updated_at: updatedAt });
      if (wants) seekers.push(person.id);
    });

    // 131 services for everyone who wants work: most get all of 1/3/1, some are still short (the gap list).
    for (const personId of seekers) {
      const complete = random.next() < 0.82;
      insertService.run(personId, isoDate(year, random.int(2, 4), random.int(1, 28)), 'guidance', null, null, '就业意愿与技能摸底');
      services += 1;
      const offers = complete ? 3 : random.int(0, 2);
      for (let k = 0; k < offers; k++) {
        const [employer, post] = random.pick(OFFERS);
        // The last offer mostly falls in the autumn, so most seekers have a recent contact at year end.
        const month = k === offers - 1 && random.next() < 0.85 ? random.int(11, 12) : random.int(4, 10);
        insertService.run(personId, isoDate(year, month, random.int(1, 28)), 'job_offer', employer, post, null);
        services += 1;
      }
      if (complete || random.next() < 0.3) {
        insertService.run(personId, isoDate(year, random.int(3, 9), random.int(1, 28)), 'training_referral', null, null, '推荐参加技能培训');
        services += 1;
      }
    }

    // 12 sessions, 645 trainees: seekers first (their training project), then other labourers.
    const seekerSet = new Set(seekers);
    const pool = [...shuffle(random, [...seekers]), ...shuffle(random, labourers.map((p) => p.id).filter((id) => !seekerSet.has(id)))];
    let next = 0;
    DEMO_TRAINING_SIZES.forEach((size, s) => {
      const [name, trade] = TRAININGS[s]!;
      const month = 3 + Math.floor((s * 8) / DEMO_TRAINING_SIZES.length);
      const start = isoDate(year, month, 5 + (s % 3) * 7);
      const end = isoDate(year, month, 5 + (s % 3) * 7 + random.int(5, 9));
      const trainingId = Number(insertTraining.run(year, `${year}年第${s + 1}期${name}培训班`, trade, start, end, random.pick(['县职教中心', '县就业服务中心培训室', '燕河营镇文化站', '刘田各庄镇党群服务中心']), random.pick(ORGANISERS)).lastInsertRowid);
      for (let k = 0; k < size; k++) {
        const personId = pool[next++]!;
        const completed = random.next() < 0.96;
        const certificate = completed && random.next() < 0.85 ? `JN${year}${String(s + 1).padStart(2, '0')}${String(k + 1).padStart(4, '0')}` : null;
        insertTrainee.run(trainingId, personId, completed ? 1 : 0, certificate);
      }
    });

    // Township targets: the county's target split by each township's labourers, adding up exactly.
    if (policy.target !== null) {
      const townships = ctx.townships.map((t) => t.code);
      const shares = apportion(policy.target, townships.map((code) => labourers.filter((p) => p.township_code === code).length));
      townships.forEach((code, i) => upsertTarget.run(year, code, shares[i]!));
    }
  })();

  return { labourers: labourers.length, employed: DEMO_EMPLOYED, onPosts: onPost.size, services, trainings: DEMO_TRAINING_SIZES.length, trainees: DEMO_TRAINING_SIZES.reduce((a, b) => a + b, 0) };
}
