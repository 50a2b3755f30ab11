import { describe, expect, it } from 'vitest';
import { demoPeople, DEMO_HOUSEHOLDS, DEMO_PEOPLE } from './people';
import { parseIdNumber } from '../../../shared/domain/id-number';
import { checkPerson } from '../../../shared/domain/person';
import { loadCounty } from '../divisions/catalogue';

const county = loadCounty('130324');
const villages = county.townships.flatMap((t) => t.villages.map((v) => ({ townshipCode: t.code, villageCode: v.code })));

describe('the demo county', () => {
  const people = demoPeople(villages);

  it('has 9,236 people in 5,494 households spread over all 549 villages', () => {
    expect(people).toHaveLength(DEMO_PEOPLE);
    expect(new Set(people.map((p) => p.householdNo)).size).toBe(DEMO_HOUSEHOLDS);
    expect(new Set(people.map((p) => p.villageCode)).size).toBe(549);
    expect(people.filter((p) => p.relation === '户主')).toHaveLength(DEMO_HOUSEHOLDS);
  });

  it('gives everyone a unique ID that passes the checksum, and every record passes the person rules', () => {
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(people.length);
    const owner = new Map(villages.map((v) => [v.villageCode, v.townshipCode]));
    const lookup = { townshipName: (c: string) => county.townships.find((t) => t.code === c)?.name, villageTownship: (c: string) => owner.get(c) };
    for (const person of people) {
      expect(parseIdNumber(person.idNumber).ok).toBe(true);
      expect(checkPerson(person, lookup).errors).toEqual({});
    }
  });

  it('has enough working-age labourers for the employment figures, and realistic categories', () => {
    const workingAge = people.filter((p) => {
      const age = 2022 - Number(p.idNumber.slice(6, 10));
      return age >= 16 && age <= 64 && ['普通劳动力', '技能劳动力', '弱劳动力或半劳动力'].includes(p.labourAbility);
    });
    expect(workingAge.length).toBeGreaterThan(4019);
    const poor = people.filter((p) => p.category === '脱贫户' || p.category === '防返贫监测对象');
    expect(poor.length / people.length).toBeGreaterThan(0.9);
  });

  it('is the same on every run', () => {
    expect(demoPeople(villages).map((p) => p.idNumber + p.name)).toEqual(people.map((p) => p.idNumber + p.name));
  });
});
