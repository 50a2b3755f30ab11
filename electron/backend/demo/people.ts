// The demo county's people: 9,236 poverty-alleviated people in 5,494 households over the county's villages
// (卢龙县's published figures), with synthetic ID numbers that pass the checksum. Deterministic.
import { checkCharacter } from '../../../shared/domain/id-number';
import type { PersonInput } from '../../../shared/domain/person';
import { passesLuhn } from '../../../shared/domain/person';
import { DemoRandom } from './random';

export const DEMO_PEOPLE = 9236;
export const DEMO_HOUSEHOLDS = 5494;

// Common surnames of north-east Hebei, most frequent first (weights roughly by frequency).
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 90], ['李', 85], ['张', 80], ['刘', 60], ['杨', 30], ['赵', 35], ['孙', 25], ['高', 22], ['陈', 20], ['马', 18],
  ['郭', 15], ['周', 14], ['吴', 10], ['徐', 12], ['韩', 12], ['于', 14], ['冯', 10], ['董', 10], ['田', 9], ['付', 8],
  ['白', 7], ['齐', 8], ['崔', 7], ['曹', 7], ['邢', 6], ['常', 6], ['肖', 5], ['宋', 8], ['谷', 5], ['佟', 5],
  ['魏', 6], ['尹', 4], ['贾', 6], ['薛', 4], ['何', 5], ['石', 5], ['闫', 5], ['侯', 4], ['单', 3], ['姜', 5],
];
const MALE_CHARS = ['国', '建', '志', '军', '海', '明', '永', '春', '立', '文', '德', '福', '宝', '振', '树', '庆', '长', '玉', '金', '学', '占', '广', '忠', '义', '红', '伟', '强', '东', '亮', '峰', '俊', '浩', '宇', '杰', '鹏', '磊', '三', '丰', '成', '民'];
const FEMALE_CHARS = ['秀', '玉', '兰', '凤', '英', '华', '芳', '桂', '淑', '珍', '霞', '梅', '丽', '燕', '红', '艳', '敏', '静', '娟', '萍', '春', '荣', '云', '琴', '翠', '莲', '颖', '雪', '欣', '婷'];
const BANKS: readonly (readonly [string, string, number])[] = [
  ['河北省农村信用社', '623193', 55], ['中国邮政储蓄银行', '621799', 25], ['中国农业银行', '622848', 15], ['中国建设银行', '621700', 5],
];

export interface DemoVillage { townshipCode: string; villageCode: string }

function givenName(random: DemoRandom, sex: '男' | '女'): string {
  const pool = sex === '男' ? MALE_CHARS : FEMALE_CHARS;
  return random.next() < 0.35 ? random.pick(pool) : random.pick(pool) + random.pick(pool);
}

function cardNumber(random: DemoRandom, bin: string): string {
  let body = bin;
  while (body.length < 18) body += String(random.int(0, 9));
  for (let d = 0; d <= 9; d++) if (passesLuhn(body + d)) return body + d;
  return body + '0';
}

/** Household sizes: every household has one member, the remaining people are spread with a cap of 6. */
function householdSizes(random: DemoRandom, households: number, people: number): number[] {
  const sizes = new Array<number>(households).fill(1);
  let remaining = people - households;
  while (remaining > 0) {
    const h = random.int(0, households - 1);
    if (sizes[h]! < 6) { sizes[h]! += 1; remaining -= 1; }
  }
  return sizes;
}

/** The demo people; a larger count (benchmarks) keeps the same proportions. */
export function demoPeople(villages: readonly DemoVillage[], options: { seed?: number; people?: number; households?: number } = {}): PersonInput[] {
  const random = new DemoRandom(options.seed ?? 130324);
  const people = options.people ?? DEMO_PEOPLE;
  const sizes = householdSizes(random, options.households ?? Math.round((people * DEMO_HOUSEHOLDS) / DEMO_PEOPLE), people);
  const usedIds = new Set<string>();
  const sequenceByVillage = new Map<string, number>();
  const result: PersonInput[] = [];

  const makeId = (birth: { y: number; m: number; d: number }, sex: '男' | '女'): string => {
    // Mostly the county's own address code; a few keep the retired 抚宁县 code (130323) they were born with.
    const area = random.next() < 0.03 ? '130323' : '130324';
    for (;;) {
      const seq = random.int(0, 99) * 10 + (sex === '男' ? random.pick([1, 3, 5, 7, 9]) : random.pick([0, 2, 4, 6, 8]));
      const first17 = `${area}${birth.y}${String(birth.m).padStart(2, '0')}${String(birth.d).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
      const id = first17 + checkCharacter(first17);
      if (!usedIds.has(id)) { usedIds.add(id); return id; }
    }
  };
  const birthFor = (age: number) => ({ y: 2022 - age, m: random.int(1, 12), d: random.int(1, 28) });

  sizes.forEach((size, h) => {
    const village = villages[h % villages.length]!;
    const seq = (sequenceByVillage.get(village.villageCode) ?? 0) + 1;
    sequenceByVillage.set(village.villageCode, seq);
    const householdNo = `${village.villageCode}${String(seq).padStart(4, '0')}`;
    const surname = random.weighted(SURNAMES);
    const category = random.weighted([['脱贫户', 90], ['防返贫监测对象', 7], ['低保', 1.5], ['特困', 1], ['其他', 0.5]] as const);
    const bank = random.weighted(BANKS.map(([name, bin, w]) => [[name, bin] as const, w] as const));
    const headAge = random.weighted([[random.int(28, 44), 20], [random.int(45, 59), 35], [random.int(60, 69), 28], [random.int(70, 85), 17]] as const);
    const headSex: '男' | '女' = random.next() < 0.82 ? '男' : '女';
    const members: { relation: string; sex: '男' | '女'; age: number; surname: string }[] = [{ relation: '户主', sex: headSex, age: headAge, surname }];
    for (let i = 1; i < size; i++) {
      if (i === 1 && random.next() < 0.75) {
        members.push({ relation: '配偶', sex: headSex === '男' ? '女' : '男', age: Math.max(20, headAge + random.int(-5, 3)), surname: random.weighted(SURNAMES) });
      } else {
        const childAge = Math.max(1, headAge - random.int(22, 32));
        const son = random.next() < 0.52;
        members.push({ relation: son ? '之子' : '之女', sex: son ? '男' : '女', age: childAge, surname });
      }
    }
    for (const member of members) {
      const idNumber = makeId(birthFor(member.age), member.sex);
      const labourAbility = member.age < 16 ? '无劳动力'
        : member.age >= 75 ? random.weighted([['无劳动力', 60], ['丧失劳动力', 30], ['弱劳动力或半劳动力', 10]] as const)
        : member.age >= 60 ? random.weighted([['弱劳动力或半劳动力', 45], ['普通劳动力', 35], ['丧失劳动力', 15], ['无劳动力', 5]] as const)
        : random.weighted([['普通劳动力', 72], ['技能劳动力', 14], ['弱劳动力或半劳动力', 8], ['丧失劳动力', 6]] as const);
      const adult = member.age >= 18;
      result.push({
        idNumber,
        name: member.surname + givenName(random, member.sex),
        phone: adult && (member.relation === '户主' || random.next() < 0.4) ? `1${random.pick(['3', '5', '8', '9'])}${String(random.int(0, 999999999)).padStart(9, '0')}` : '',
        townshipCode: village.townshipCode,
        villageCode: village.villageCode,
        householdNo,
        relation: member.relation,
        category,
        labourAbility,
        cardNumber: adult ? cardNumber(random, bank[1]) : '',
        bank: adult ? bank[0] : '',
        remark: '',
      });
    }
  });
  return result;
}
