// The employment ledger, 131 services, trainings and targets through the engine, on a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../testing/temp-db';
import { contextFor, type EngineContext } from '../context';
import { dispatch } from '../dispatch';
import { insertPerson } from '../people/repository';
import { checkCharacter } from '../../../shared/domain/id-number';
import type { LedgerRowView, TargetsView, TrainingView } from '../../../shared/contract/employment';
import type { PersonInput } from '../../../shared/domain/person';
import { queryOne, queryRows } from '../testing/store-sql';

const idFor = (first17: string) => first17 + checkCharacter(first17);

async function ok<T>(promise: Promise<{ ok: true; data: unknown } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data as T;
}

const record = (overrides: Record<string, unknown> = {}) => ({
  status: '已就业', form: null, destinationProvince: null, destinationCity: null, employer: null, startMonth: null,
  monthsWorked: null, avgIncomeFen: null, wantsWork: null, reasonNotEmployed: null, ...overrides,
});

describe('employment ledger through the engine', () => {
  let temp: TempDb;
  let ctx: EngineContext;
  let township: string;
  let otherTownship: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    temp = await createTempDb();
    ctx = temp.ctx;
    township = ctx.townships[0]!.code;
    otherTownship = ctx.townships[1]!.code;
    const village = ctx.townships[0]!.villages[0]!.code;
    const otherVillage = ctx.townships[1]!.villages[0]!.code;
    const person = (idNumber: string, name: string, labourAbility: string, inOther = false): PersonInput => ({
      idNumber: idFor(idNumber), name, phone: '', townshipCode: inOther ? otherTownship : township, villageCode: inOther ? otherVillage : village,
      householdNo: name, relation: '户主', category: '脱贫户', labourAbility, cardNumber: '', bank: '', remark: '',
    });
    const db = ctx.wdb.db;
    ids.worker = (await insertPerson(db, person('13032419920101001', '张务工', '普通劳动力'))).id;
    ids.seeker = (await insertPerson(db, person('13032419850101002', '李求职', '技能劳动力'))).id;
    ids.old = (await insertPerson(db, person('13032419500101003', '王老汉', '普通劳动力'))).id;
    ids.unable = (await insertPerson(db, person('13032419800101004', '赵病休', '丧失劳动力'))).id;
    ids.postOld = (await insertPerson(db, person('13032419560601005', '刘护林', '弱劳动力或半劳动力'))).id;
    ids.post = (await insertPerson(db, person('13032419750101006', '孙保洁', '普通劳动力'))).id;
    ids.elsewhere = (await insertPerson(db, person('13032419900101007', '周外乡', '普通劳动力', true))).id;
    // Posts and placements as the posts work stores them: the 66-year-old and a 47-year-old, March to December.
    const post = await db.insertInto('posts').values({ year: 2022, township_code: township, village_code: village, post_type: '保洁', employing_unit: '石门村民委员会' }).returning('id').executeTakeFirstOrThrow();
    for (const personId of [ids.postOld!, ids.post!]) {
      await db.insertInto('placements').values({ person_id: personId, post_id: post.id, start_date: '2022-03-01', agreement_end_date: '2022-12-31', subsidy_fen: 65000, exit_date: null, exit_reason: null, replaces_placement_id: null }).execute();
    }
  });
  afterAll(async () => { await temp.cleanup(); });

  const ledger = () => ok<{ rows: LedgerRowView[]; targets: TargetsView; checkDate: string }>(dispatch(ctx, 'employment.ledger', { year: 2022 }));
  const rowOf = async (personId: number) => (await ledger()).rows.find((r) => r.personId === personId);

  it('lists the labourers of the year: working age with labour ability, and everyone on a post', async () => {
    const { rows, checkDate } = await ledger();
    expect(rows.map((r) => r.name).sort()).toEqual(['刘护林', '周外乡', '孙保洁', '张务工', '李求职'].sort());
    expect(checkDate).toBe('2022-12-31');
  });

  it('shows a post holder as employed in 公益岗位 without anyone typing it', async () => {
    const row = await rowOf(ids.postOld!);
    expect(row).toMatchObject({ status: '已就业', form: '公益岗位', source: 'post', startMonth: '2022-03', monthsWorked: 10, avgIncomeFen: 65000, employer: '石门村民委员会', postMonths: '3月至12月', age: 66 });
    expect((await queryOne(temp.ctx.wdb, 'select count(*) n from employment_records'))).toEqual({ n: 0 });
  });

  it('saves an entry typed in the grid, normalising the month, and audits it', async () => {
    const saved = await ok<{ row: LedgerRowView; warnings: Record<string, unknown> }>(dispatch(ctx, 'employment.save', {
      year: 2022, personId: ids.worker, record: record({ form: '省外务工', destinationProvince: '北京市', destinationCity: '北京市', employer: ' 北京城建集团 ', startMonth: '2022年3月', monthsWorked: 8, avgIncomeFen: 550000 }),
    }));
    expect(saved.row).toMatchObject({ status: '已就业', form: '省外务工', startMonth: '2022-03', employer: '北京城建集团', source: 'entered' });
    expect(saved.warnings).toEqual({});
    const audit = (await queryRows(ctx.wdb, "select action, after_json from audit_log where entity = 'employment'")) as { action: string; after_json: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json)).toMatchObject({ personId: ids.worker, form: '省外务工' });
  });

  it('refuses a second form in the months of a post, a status contradicting the post, and bad values; stores nothing', async () => {
    const before = (await queryOne(ctx.wdb, 'select count(*) n from employment_records'));
    const cases: [number, Record<string, unknown>, string, string][] = [
      [ids.post!, { form: '省外务工', startMonth: '2022-05', monthsWorked: 3 }, 'form', 'EMP_POST_CONFLICT'],
      [ids.post!, { form: '县内务工' }, 'form', 'EMP_POST_CONFLICT'],
      [ids.post!, { status: '未就业' }, 'status', 'EMP_POST_STATUS'],
      [ids.worker!, { form: null }, 'form', 'EMP_FORM_REQUIRED'],
      [ids.worker!, { status: '未就业', form: '县内务工' }, 'form', 'EMP_FORM_NOT_EMPLOYED'],
      [ids.worker!, { form: '打零工' }, 'form', 'BAD_ENUM'],
      [ids.worker!, { form: '县内务工', startMonth: '三月' }, 'startMonth', 'BAD_MONTH'],
    ];
    for (const [personId, fields, field, code] of cases) {
      const result = await dispatch(ctx, 'employment.save', { year: 2022, personId, record: record(fields) });
      expect(result.ok, code).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('VALIDATION');
      const errors = (result.error as { details?: { fields: Record<string, { code: string; message: string }> } }).details!.fields;
      expect(errors[field]?.code, code).toBe(code);
      expect(errors[field]?.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await queryOne(ctx.wdb, 'select count(*) n from employment_records'))).toEqual(before);
    // Work outside the post's months is fine: January and February away, then the post.
    const ok2 = await dispatch(ctx, 'employment.save', { year: 2022, personId: ids.post, record: record({ form: '省外务工', startMonth: '2022-01', monthsWorked: 2 }) });
    expect(ok2.ok).toBe(true);
    expect(await rowOf(ids.post!)).toMatchObject({ form: '公益岗位', otherWork: '省外务工（1月至2月）' });
  });

  it('refuses someone who is not a labourer of the year', async () => {
    for (const personId of [ids.old!, ids.unable!]) {
      const result = await dispatch(ctx, 'employment.save', { year: 2022, personId, record: record({ form: '县内务工' }) });
      expect(result.ok ? 'ok' : result.error.code).toBe('EMP_NOT_LABOURER');
    }
  });

  it('lists the cross-record checks with codes and Chinese explanations, and clears one when the data is fixed', async () => {
    // Data that predates the placement (e.g. imported): away work in the post months, straight into the table.
    (await queryRows(ctx.wdb, "insert into employment_records (person_id, year, status, form, start_month, months_worked, updated_at) values (?, 2022, '已就业', '省内县外务工', '2022-04', 3, 'x')", [ids.postOld]));
    await ok(dispatch(ctx, 'employment.save', { year: 2022, personId: ids.seeker, record: record({ status: '未就业', wantsWork: true, avgIncomeFen: 120000, reasonNotEmployed: '无合适岗位' }) }));
    const checks = await ok<{ items: { personId: number; code: string; message: string }[] }>(dispatch(ctx, 'employment.checks', { year: 2022 }));
    const codes = (personId: number) => checks.items.filter((i) => i.personId === personId).map((i) => i.code).sort();
    expect(codes(ids.postOld!)).toEqual(['EMP_POST_AND_AWAY']);
    expect(codes(ids.seeker!)).toEqual(['EMP_INCOME_NOT_EMPLOYED', 'EMP_NO_RECENT_SERVICE']);
    expect(checks.items.find((i) => i.code === 'EMP_POST_AND_AWAY')!.message).toContain('3月至12月');

    await ok(dispatch(ctx, 'services.add', { personId: ids.seeker, date: '2022-12-01', kind: 'guidance', employer: null, post: null, note: null }));
    const after = await ok<{ items: { personId: number; code: string }[] }>(dispatch(ctx, 'employment.checks', { year: 2022 }));
    expect(after.items.filter((i) => i.personId === ids.seeker).map((i) => i.code)).toEqual(['EMP_INCOME_NOT_EMPLOYED']);
  });

  it('counts 131 services towards 1/3/1 and refuses an incomplete job offer', async () => {
    const offer = { personId: ids.seeker, date: '2022-11-10', kind: 'job_offer' as const, employer: '卢龙县某粉丝厂', post: '包装工', note: null };
    const refused = await dispatch(ctx, 'services.add', { ...offer, post: '' });
    expect(refused.ok ? 'ok' : (refused.error as { details?: { fields: Record<string, { code: string }> } }).details?.fields.post?.code).toBe('SERVICE_OFFER_INCOMPLETE');
    const future = await dispatch(ctx, 'services.add', { ...offer, date: '2099-01-01' });
    expect(future.ok).toBe(false);
    let row: LedgerRowView | null = null;
    for (let i = 0; i < 3; i++) row = (await ok<{ row: LedgerRowView }>(dispatch(ctx, 'services.add', offer))).row;
    expect(row!.progress).toMatchObject({ guidance: 1, jobOffers: 3, training: 0, complete: false, label: '1/1 · 3/3 · 0/1', missing: ['培训项目还差1次'] });
    expect(row!.serviceTarget).toBe(true);
    const added = await ok<{ service: { id: number }; row: LedgerRowView }>(dispatch(ctx, 'services.add', { ...offer, kind: 'training_referral', employer: null, post: null }));
    expect(added.row.progress.complete).toBe(true);
    const removed = await ok<{ row: LedgerRowView }>(dispatch(ctx, 'services.delete', { id: added.service.id }));
    expect(removed.row.progress.complete).toBe(false);
    const list = await ok<{ services: { kind: string }[] }>(dispatch(ctx, 'services.list', { personId: ids.seeker, year: 2022 }));
    expect(list.services.map((s) => s.kind)).toEqual(['job_offer', 'job_offer', 'job_offer', 'guidance']);
  });

  it('runs a training session: enrol, complete with a certificate, and the enrolment counts as the training project', async () => {
    const bad = await dispatch(ctx, 'trainings.save', { year: 2022, name: '家政服务培训班', trade: '家政服务员', startDate: '2022-06-10', endDate: '2022-06-01', place: '县职教中心', organiser: '县人社局' });
    expect(bad.ok ? 'ok' : (bad.error as { details?: { fields: Record<string, { code: string }> } }).details?.fields.endDate?.code).toBe('TRAINING_DATES');
    const session = await ok<TrainingView>(dispatch(ctx, 'trainings.save', { year: 2022, name: '家政服务培训班', trade: '家政服务员', startDate: '2022-06-01', endDate: '2022-06-10', place: '县职教中心', organiser: '县人社局' }));
    expect(session).toMatchObject({ year: 2022, trainees: 0 });
    expect(await ok(dispatch(ctx, 'trainings.enrol', { trainingId: session.id, personIds: [ids.seeker!] }))).toEqual({ enrolled: 1, already: 0, notFound: [] });
    // ID numbers pasted from a workbook column: spaces and lower-case x are fine; the bad and unknown are listed.
    const pasted = await ok<{ enrolled: number; already: number; notFound: { value: string; code: string }[] }>(dispatch(ctx, 'trainings.enrol', {
      trainingId: session.id, idNumbers: [` ${idFor('13032419920101001')} `, idFor('13032419850101002'), '', '13032419920101', idFor('13032419990101099')],
    }));
    expect(pasted).toMatchObject({ enrolled: 1, already: 1 });
    expect(pasted.notFound.map((n) => n.code)).toEqual(['ID_FORMAT', 'PERSON_NOT_FOUND']);
    const trainee = await ok<{ completed: boolean; certificate: string }>(dispatch(ctx, 'trainings.setTrainee', { trainingId: session.id, personId: ids.seeker, completed: false, certificate: 'JN2022060001' }));
    expect(trainee).toMatchObject({ completed: true, certificate: 'JN2022060001' });
    const [listed] = await ok<TrainingView[]>(dispatch(ctx, 'trainings.list', { year: 2022 }));
    expect(listed).toMatchObject({ trainees: 2, completed: 1, certified: 1 });
    expect((await rowOf(ids.seeker!))!.progress.complete).toBe(true);
    expect(await ok(dispatch(ctx, 'trainings.unenrol', { trainingId: session.id, personId: ids.worker }))).toEqual({ removed: true });
  });

  it('keeps the targets: county and townships, with live completion and a warning when they do not add up', async () => {
    const targets = await ok<TargetsView>(dispatch(ctx, 'employment.saveTargets', { year: 2022, countyTarget: 10, townships: [{ code: township, target: 3 }, { code: otherTownship, target: 2 }] }));
    expect(targets).toMatchObject({ countyTarget: 10, labourers: 5, employed: 3, completionRate: 3000 });
    expect(targets.townships.find((t) => t.code === township)).toMatchObject({ target: 3, labourers: 4, employed: 3, completionRate: 10000 });
    expect(targets.warnings.map((w) => w.code)).toEqual(['TARGET_SUM_MISMATCH']);
    const fixed = await ok<TargetsView>(dispatch(ctx, 'employment.saveTargets', { year: 2022, countyTarget: 5, townships: [] }));
    expect(fixed.warnings).toEqual([]);
    expect(fixed.completionRate).toBe(6000);
    const unknown = await dispatch(ctx, 'employment.saveTargets', { year: 2022, countyTarget: 5, townships: [{ code: '999999999999', target: 1 }] });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('UNKNOWN_TOWNSHIP');
  });

  it('keeps a clerk to the assigned township', async () => {
    const clerk = contextFor(ctx.engine, { username: 'clerk2', role: 'clerk', townships: [otherTownship] });
    const rows = (await ok<{ rows: LedgerRowView[] }>(dispatch(clerk, 'employment.ledger', { year: 2022 }))).rows;
    expect(rows.map((r) => r.name)).toEqual(['周外乡']);
    // A clerk never sees a full ID number (issue 10), in the ledger as anywhere.
    expect(rows[0]!.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const save = await dispatch(clerk, 'employment.save', { year: 2022, personId: ids.worker, record: record({ form: '县内务工' }) });
    expect(save.ok ? 'ok' : save.error.code).toBe('OUT_OF_SCOPE');
    const service = await dispatch(clerk, 'services.add', { personId: ids.seeker, date: '2022-05-01', kind: 'guidance', employer: null, post: null, note: null });
    expect(service.ok ? 'ok' : service.error.code).toBe('OUT_OF_SCOPE');
    const report = await dispatch(clerk, 'reports.employment', { report: 'R1', month: '2022-12' });
    expect(report.ok ? 'ok' : report.error.code).toBe('FORBIDDEN');
  });
});
