import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';
import { createTempDb, type TempDb } from '../testing/temp-db';
import { checkCharacter } from '../../../shared/domain/id-number';
import { decodePeopleList, personViewSchema, type ChannelOutput } from '../../../shared/contract/schemas';
import type { PersonInput } from '../../../shared/domain/person';
import { queryNumber, queryOne, queryRows } from '../testing/store-sql';

function idFor(first17: string) { return first17 + checkCharacter(first17); }

describe('people handlers through the engine dispatch', () => {
  let temp: TempDb;
  let township: string;
  let village: string;
  let otherVillage: string;
  const person = (overrides: Partial<PersonInput> = {}): PersonInput => ({
    idNumber: idFor('13032419800101001'), name: '王建国', phone: '13800138000', townshipCode: township, villageCode: village,
    householdNo: 'H1', relation: '本人', category: '脱贫户', labourAbility: '普通劳动力', cardNumber: '', bank: '', remark: '', ...overrides,
  });

  beforeAll(async () => {
    temp = await createTempDb();
    township = temp.ctx.townships[0]!.code;
    village = temp.ctx.townships[0]!.villages[0]!.code;
    otherVillage = temp.ctx.townships[1]!.villages[0]!.code;
  });
  afterAll(async () => { await temp.cleanup(); });

  const count = () => queryNumber(temp.ctx.wdb, 'select count(*) n from people');

  it('saves a valid person with birth date and sex derived from the ID, and audits it', async () => {
    const result = await dispatch(temp.ctx, 'people.save', { person: person() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const saved = personViewSchema.parse((result.data as { person: unknown }).person);
    expect(saved).toMatchObject({ name: '王建国', sex: '男', birthDate: '1980-01-01', relation: '户主', nameInitials: 'wjg', idMasked: '130324********' + saved.idNumber.slice(14) });
    const audit = await queryRows(temp.ctx.wdb, "select * from audit_log where entity = 'person' and action = 'create'");
    expect(audit).toHaveLength(1);
  });

  it('two saves of the same new person at once: one is saved, the other gets ID_DUPLICATE (never INTERNAL)', async () => {
    // Both checks can run before either insert (two seats, or two requests of one seat): the insert that
    // comes second meets the unique ID number and is checked again, so its form shows the duplicate.
    const idNumber = idFor('13032419800101077');
    const before = await count();
    const results = await Promise.all([0, 1].map((n) => dispatch(temp.ctx, 'people.save', { person: person({ idNumber, name: n ? '李同时' : '张同时' }) })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.error.code).toBe('VALIDATION');
    if (refused && !refused.ok) expect((refused.error.details as { fields: Record<string, { code: string }> }).fields.idNumber?.code).toBe('ID_DUPLICATE');
    expect(await count()).toBe(before + 1);
  });

  it('refuses each bad field with its code and saves nothing', async () => {
    const before = await count();
    const cases: [Partial<PersonInput>, string, string][] = [
      [{ idNumber: idFor('13032419800101002').slice(0, 17) + (idFor('13032419800101002').endsWith('1') ? '2' : '1') }, 'idNumber', 'ID_CHECKSUM'],
      [{ idNumber: idFor('13032419800230002') }, 'idNumber', 'ID_BIRTHDATE'],
      [{ idNumber: idFor('13032419800101001') }, 'idNumber', 'ID_DUPLICATE'],
      [{ idNumber: idFor('13032419800101003'), name: '  ' }, 'name', 'NAME_MISSING'],
      [{ idNumber: idFor('13032419800101003'), villageCode: otherVillage }, 'villageCode', 'VILLAGE_NOT_IN_TOWNSHIP'],
      [{ idNumber: idFor('13032419800101003'), category: '富裕户' }, 'category', 'BAD_ENUM'],
      [{ idNumber: idFor('13032419800101003'), phone: '12345' }, 'phone', 'BAD_PHONE'],
      [{ idNumber: idFor('13032419800101003'), cardNumber: '1234' }, 'cardNumber', 'BAD_CARD'],
    ];
    for (const [overrides, field, code] of cases) {
      const result = await dispatch(temp.ctx, 'people.save', { person: person(overrides) });
      expect(result.ok, `${field} ${code}`).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('VALIDATION');
      const fields = (result.error.details as { fields: Record<string, { code: string; message: string }> }).fields;
      expect(fields[field]?.code).toBe(code);
      expect(fields[field]?.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await count()).toBe(before);
  });

  it('warns but saves when a card number fails the Luhn check', async () => {
    const result = await dispatch(temp.ctx, 'people.save', { person: person({ idNumber: idFor('13032419900101004'), cardNumber: '6228480000000000001' }) });
    expect(result.ok).toBe(true);
    if (result.ok) expect((result.data as { warnings: Record<string, { code: string }> }).warnings.cardNumber?.code).toBe('CARD_LUHN');
  });

  it('updates a person and records before and after in the audit log', async () => {
    const list = await dispatch(temp.ctx, 'people.list', {});
    if (!list.ok) throw new Error('list failed');
    const listed = decodePeopleList(list.data as ChannelOutput<'people.list'>)[0]!;
    // An administrator's list carries masked numbers; the edit form asks for the full record.
    expect(listed.idNumber).toContain('*');
    const full = await dispatch(temp.ctx, 'people.get', { id: listed.id });
    if (!full.ok) throw new Error('get failed');
    const target = full.data as { id: number; idNumber: string; version: number };
    const result = await dispatch(temp.ctx, 'people.save', { id: target.id, version: target.version, person: person({ idNumber: target.idNumber, name: '王建军' }) });
    expect(result.ok).toBe(true);
    const row = (await queryOne<{ before_json: string; after_json: string }>(temp.ctx.wdb, "select before_json, after_json from audit_log where action = 'update' order by id desc limit 1"))!;
    expect(JSON.parse(row.before_json).name).toBe('王建国');
    expect(JSON.parse(row.after_json).name).toBe('王建军');
  });

  it('exports the given people, in the given order, with IDs as text', async () => {
    const list = await dispatch(temp.ctx, 'people.list', {});
    if (!list.ok) throw new Error('list failed');
    const ids = decodePeopleList(list.data as ChannelOutput<'people.list'>).map((p) => p.id).reverse();
    const result = await dispatch(temp.ctx, 'people.export', { ids });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const file = result.data as { base64: string; rows: number; fileName: string };
    expect(file.rows).toBe(ids.length);
    expect(file.fileName).toMatch(/^人员台账_\d{8}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('人员台账')!;
    expect(sheet.getCell('A1').value).toBe('卢龙县人员台账');
    expect(sheet.getRow(2).getCell(5).value).toBe('身份证号');
    const idCells = Array.from({ length: ids.length }, (_, i) => sheet.getRow(3 + i).getCell(5).value);
    for (const cell of idCells) expect(typeof cell).toBe('string');
  });

  it('refuses input that does not match the contract', async () => {
    for (const [channel, input] of [['people.save', { person: { idNumber: 1 } }], ['people.export', { ids: ['x'] }], ['people.list', { extra: 1 }], ['no.such.channel', {}]] as const) {
      const result = await dispatch(temp.ctx, channel, input);
      expect(result.ok).toBe(false);
    }
  });
});
