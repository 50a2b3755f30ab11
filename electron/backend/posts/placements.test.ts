// Posts, plans and placements through the engine's dispatch (zod → handler → SQLite file), as the screens
// and the CLI use them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../testing/temp-db';
import { createContext, type Actor, type EngineContext } from '../context';
import { dispatch } from '../dispatch';
import { insertPerson } from '../people/repository';
import { checkCharacter } from '../../../shared/domain/id-number';
import type { PersonInput } from '../../../shared/domain/person';
import type { ChannelOutput } from '../../../shared/contract/schemas';
import type { Channel } from '../../../shared/contract/channels';
import { placeImportedRow } from './placing';
import { queryOne, queryRows } from '../testing/store-sql';

let temp: TempDb;
let serial = 0;

function idFor(birth: string): string {
  serial += 1;
  const first17 = `130324${birth.replace(/-/g, '')}${String(serial).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

async function addPerson(ctx: EngineContext, fields: Partial<PersonInput> & { birth?: string; village?: number; township?: number } = {}) {
  const township = ctx.townships[fields.township ?? 0]!;
  const village = township.villages[fields.village ?? 0]!;
  const { birth, ...rest } = fields;
  return insertPerson(ctx.wdb.db, {
    idNumber: idFor(birth ?? '1975-06-15'), name: `人员${serial}`, phone: '13900000000', townshipCode: township.code, villageCode: village.code,
    householdNo: `H${serial}`, relation: '户主', category: '脱贫户', labourAbility: '普通劳动力', cardNumber: '6231930000000000000', bank: '河北省农村信用社', remark: '',
    ...rest,
  });
}

async function call<K extends Channel>(ctx: EngineContext, channel: K, input: unknown): Promise<ChannelOutput<K>> {
  const result = await dispatch(ctx, channel, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.data as ChannelOutput<K>;
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try { await promise; } catch (error) { return error as { code: string; message: string }; }
  throw new Error('expected a refusal');
}

function asUser(actor: Actor): Promise<EngineContext> {
  return createContext(temp.ctx.wdb, actor);
}

beforeEach(async () => { temp = await createTempDb(); });
afterEach(async () => { await temp.cleanup(); });

describe('posts within the plans', () => {
  it('adds a post with the village committee as employer and shows it in the summary', async () => {
    const ctx = temp.ctx;
    const village = ctx.townships[0]!.villages[0]!;
    const post = await call(ctx, 'posts.create', { year: 2022, villageCode: village.code, postType: '保洁' });
    expect(post).toMatchObject({ townshipName: ctx.townships[0]!.name, postType: '保洁', employingUnit: village.name, status: '空缺', holders: 0 });
    const summary = await call(ctx, 'posts.summary', { year: 2022 });
    expect(summary.asOf).toBe('2022-12-31');
    expect(summary.county).toMatchObject({ plannedPosts: 2434, developed: 1, filled: 0, vacant: 1 });
    expect(summary.townships[0]).toMatchObject({ plannedPosts: null, ownPlan: false, developed: 1 });
    const audit = (await queryOne(ctx.wdb, "select count(*) n from audit_log where entity = 'post'")) as { n: number };
    expect(audit.n).toBe(1);
  });

  it('refuses a post over the township plan until a manager raises it; a clerk cannot raise it', async () => {
    const township = temp.ctx.townships[1]!;
    const admin = temp.ctx;
    const clerk = await asUser({ username: 'clerk1', role: 'clerk', townships: [township.code] });
    const manager = await asUser({ username: 'mgr', role: 'manager', townships: null });
    await call(manager, 'plans.save', { year: 2022, townshipCode: township.code, plannedPosts: 1 });
    await call(clerk, 'posts.create', { year: 2022, villageCode: township.villages[0]!.code, postType: '护林' });
    const over = await refusal(call(clerk, 'posts.create', { year: 2022, villageCode: township.villages[1]!.code, postType: '护林' }));
    expect(over.code).toBe('POST_OVER_PLAN');
    expect(over.message).toContain(`${township.name}2022年计划1个公益岗位，已开发1个`);
    expect((await refusal(call(clerk, 'plans.save', { year: 2022, townshipCode: township.code, plannedPosts: 5 }))).code).toBe('FORBIDDEN');
    expect((await refusal(call(manager, 'plans.save', { year: 2022, townshipCode: township.code, plannedPosts: 0 }))).message).toContain('已开发1个岗位，计划不能少于此数');
    expect((await refusal(call(manager, 'plans.save', { year: 2022, townshipCode: township.code, plannedPosts: 2435 }))).message).toContain('超过全县计划2434个');
    await call(manager, 'plans.save', { year: 2022, townshipCode: township.code, plannedPosts: 2 });
    await call(clerk, 'posts.create', { year: 2022, villageCode: township.villages[1]!.code, postType: '护林' });
    // The clerk works only in the townships assigned.
    const elsewhere = temp.ctx.townships[2]!.villages[0]!.code;
    expect((await refusal(call(clerk, 'posts.create', { year: 2022, villageCode: elsewhere, postType: '保洁' }))).code).toBe('OUT_OF_SCOPE');
    expect((await call(clerk, 'posts.list', { year: 2022 })).posts).toHaveLength(2);
    expect((await call(admin, 'posts.summary', { year: 2022 })).townships[1]).toMatchObject({ plannedPosts: 2, ownPlan: true, developed: 2, vacant: 2 });
  });

  it('refuses a post over the county plan for a township without a plan of its own', async () => {
    const policy = (await call(temp.ctx, 'app.info', {})).policies.find((p) => p.year === 2022)!;
    await call(temp.ctx, 'policies.save', { policy: { ...policy, plannedPosts: 1 }, townshipPlans: [] });
    const village = temp.ctx.townships[3]!.villages[0]!.code;
    await call(temp.ctx, 'posts.create', { year: 2022, villageCode: village, postType: '保洁' });
    expect((await refusal(call(temp.ctx, 'posts.create', { year: 2022, villageCode: village, postType: '保洁' }))).message).toContain('全县2022年计划1个');
  });
});

describe('年度政策', () => {
  it('saves a year with township plans (administrator only) and never changes placements made before', async () => {
    const ctx = temp.ctx;
    const person = await addPerson(ctx);
    const post = await call(ctx, 'posts.create', { year: 2022, villageCode: person.village_code, postType: '保洁' });
    const placed = await call(ctx, 'placements.place', { personId: person.id, postId: post.id, startDate: '2022-03-01', confirmWarnings: false });
    expect(placed.subsidyFen).toBe(65000);

    const policy = (await call(ctx, 'app.info', {})).policies.find((p) => p.year === 2022)!;
    const saved = await call(ctx, 'policies.save', {
      policy: { ...policy, monthlySubsidyFen: 70000, householdRule: 'refuse' },
      townshipPlans: [{ townshipCode: ctx.townships[0]!.code, plannedPosts: 300, employmentTarget: 400 }],
    });
    expect(saved.policy).toMatchObject({ monthlySubsidyFen: 70000, householdRule: 'refuse' });
    expect(saved.townshipPlans).toEqual([{ townshipCode: ctx.townships[0]!.code, plannedPosts: 300, employmentTarget: 400 }]);
    const list = await call(ctx, 'placements.list', { year: 2022 });
    expect(list[0]!.subsidyFen).toBe(65000);

    const bad = await refusal(call(ctx, 'policies.save', { policy: { ...policy, agreementMonths: 13, warnAge: 80 }, townshipPlans: [] }));
    expect(bad.code).toBe('POLICY_INVALID');
    expect(bad.message).toContain('协议期应为1到10个月');
    expect(bad.message).toContain('年龄段');

    const manager = await asUser({ username: 'mgr', role: 'manager', townships: null });
    expect((await refusal(call(manager, 'policies.save', { policy, townshipPlans: [] }))).code).toBe('FORBIDDEN');
    const audit = (await queryOne(ctx.wdb, "select count(*) n from audit_log where entity = 'year_policy'")) as { n: number };
    expect(audit.n).toBe(1);
  });

  it('creates a new year', async () => {
    const policy = (await call(temp.ctx, 'app.info', {})).policies.find((p) => p.year === 2022)!;
    await call(temp.ctx, 'policies.save', { policy: { ...policy, year: 2023, firstPaidMonth: '2023-03', lastPaidMonth: '2023-12' }, townshipPlans: [] });
    expect((await call(temp.ctx, 'app.info', {})).policies.map((p) => p.year)).toEqual([2021, 2022, 2023]);
  });
});

describe('上岗, 退岗, 补岗', () => {
  it('places, refuses a second placement, ends it, places a replacement the next day and shows the chain', async () => {
    const ctx = temp.ctx;
    const first = await addPerson(ctx, { name: '张桂兰' });
    const second = await addPerson(ctx, { name: '李建国' });
    const post = await call(ctx, 'posts.create', { year: 2022, villageCode: first.village_code, postType: '保洁' });
    const other = await call(ctx, 'posts.create', { year: 2022, villageCode: first.village_code, postType: '护林' });

    const check = await call(ctx, 'placements.check', { personId: first.id, postId: post.id, startDate: '2022-03-01' });
    expect(check).toMatchObject({ canPlace: true, needsConfirmation: false, agreementEndDate: '2022-12-31', subsidyFen: 65000 });
    const placed = await call(ctx, 'placements.place', { personId: first.id, postId: post.id, startDate: '2022-03-01', confirmWarnings: false });
    expect(placed).toMatchObject({ name: '张桂兰', status: '在岗', agreementEndDate: '2022-12-31', replacesPlacementId: null });

    const twice = await refusal(call(ctx, 'placements.place', { personId: first.id, postId: other.id, startDate: '2022-04-01', confirmWarnings: true }));
    expect(twice.code).toBe('ALREADY_PLACED');
    expect(twice.message).toBe('此人已在公益岗位上岗，一人只能占一个岗位');
    const occupied = await refusal(call(ctx, 'placements.place', { personId: second.id, postId: post.id, startDate: '2022-05-01', confirmWarnings: true }));
    expect(occupied.code).toBe('POST_OCCUPIED');

    expect((await refusal(call(ctx, 'placements.exit', { placementId: placed.id, exitDate: '2023-01-31', reason: '外出务工' }))).code).toBe('EXIT_DATE_INVALID');
    const exited = await call(ctx, 'placements.exit', { placementId: placed.id, exitDate: '2022-06-30', reason: '外出务工' });
    expect(exited).toMatchObject({ status: '已退岗', exitDate: '2022-06-30', exitReason: '外出务工' });
    expect((await refusal(call(ctx, 'placements.exit', { placementId: placed.id, exitDate: '2022-07-31', reason: '本人申请' }))).code).toBe('ALREADY_EXITED');

    expect((await refusal(call(ctx, 'placements.place', { personId: second.id, postId: post.id, startDate: '2022-06-30', confirmWarnings: true }))).code).toBe('POST_OCCUPIED');
    const replacement = await call(ctx, 'placements.place', { personId: second.id, postId: post.id, startDate: '2022-07-01', confirmWarnings: false });
    expect(replacement).toMatchObject({ replacesPlacementId: placed.id, replacesName: '张桂兰', agreementEndDate: '2022-12-31' });

    const history = await call(ctx, 'posts.history', { postId: post.id });
    expect(history.post).toMatchObject({ status: '在岗', holderName: '李建国', holders: 2 });
    expect(history.placements.map((p) => [p.name, p.startDate, p.exitDate, p.status])).toEqual([
      ['张桂兰', '2022-03-01', '2022-06-30', '已退岗'],
      ['李建国', '2022-07-01', null, '在岗'],
    ]);
    // Each write is audited.
    const actions = ((await queryRows(ctx.wdb, "select action from audit_log where entity = 'placement' order by id")) as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['place', 'exit', 'replace']);
  });

  it('asks to confirm 65+ and stores the confirmation; refuses 70+ and the ineligible', async () => {
    const ctx = temp.ctx;
    const older = await addPerson(ctx, { birth: '1957-03-01' });
    const tooOld = await addPerson(ctx, { birth: '1952-03-01' });
    const unable = await addPerson(ctx, { labourAbility: '丧失劳动力' });
    const posts = [];
    for (let i = 0; i < 3; i++) posts.push(await call(ctx, 'posts.create', { year: 2022, villageCode: older.village_code, postType: '保洁' }));

    const check = await call(ctx, 'placements.check', { personId: older.id, postId: posts[0]!.id, startDate: '2022-03-01' });
    expect(check).toMatchObject({ canPlace: true, needsConfirmation: true });
    expect(check.checks.find((c) => c.rule === '年龄')).toMatchObject({ outcome: 'warn', code: 'AGE_CONFIRM' });
    const unconfirmed = await refusal(call(ctx, 'placements.place', { personId: older.id, postId: posts[0]!.id, startDate: '2022-03-01', confirmWarnings: false }));
    expect(unconfirmed.code).toBe('CONFIRMATION_REQUIRED');
    expect(unconfirmed.message).toContain('65岁');
    const placed = await call(ctx, 'placements.place', { personId: older.id, postId: posts[0]!.id, startDate: '2022-03-01', confirmWarnings: true });
    expect(placed.confirmedWarnings).toEqual(['AGE_CONFIRM']);

    const refused = await refusal(call(ctx, 'placements.place', { personId: tooOld.id, postId: posts[1]!.id, startDate: '2022-03-01', confirmWarnings: true }));
    expect(refused.code).toBe('NOT_ELIGIBLE');
    expect(refused.message).toContain('已满70岁');
    expect((await refusal(call(ctx, 'placements.place', { personId: unable.id, postId: posts[2]!.id, startDate: '2022-03-01', confirmWarnings: true }))).message).toContain('丧失劳动力');
    expect(((await queryOne(ctx.wdb, 'select count(*) n from placements')) as { n: number }).n).toBe(1);
  });

  it('keeps a clerk to the assigned townships', async () => {
    const person = await addPerson(temp.ctx, { township: 4 });
    const post = await call(temp.ctx, 'posts.create', { year: 2022, villageCode: person.village_code, postType: '保洁' });
    const clerk = await asUser({ username: 'clerk2', role: 'clerk', townships: [temp.ctx.townships[0]!.code] });
    expect((await refusal(call(clerk, 'placements.place', { personId: person.id, postId: post.id, startDate: '2022-03-01', confirmWarnings: true }))).code).toBe('OUT_OF_SCOPE');
    // Nor a person of another township on a post of the clerk's own.
    const ownPost = await call(temp.ctx, 'posts.create', { year: 2022, villageCode: temp.ctx.townships[0]!.villages[0]!.code, postType: '保洁' });
    expect((await refusal(call(clerk, 'placements.check', { personId: person.id, postId: ownPost.id, startDate: '2022-03-01' }))).code).toBe('OUT_OF_SCOPE');
    expect((await refusal(call(clerk, 'placements.place', { personId: person.id, postId: ownPost.id, startDate: '2022-03-01', confirmWarnings: true }))).code).toBe('OUT_OF_SCOPE');
    const manager = await asUser({ username: 'mgr', role: 'manager', townships: null });
    expect((await refusal(call(manager, 'placements.place', { personId: person.id, postId: post.id, startDate: '2022-03-01', confirmWarnings: true }))).code).toBe('FORBIDDEN');
    // A manager raises plans and reviews; developing posts is the clerks' work.
    expect((await refusal(call(manager, 'posts.create', { year: 2022, villageCode: person.village_code, postType: '保洁' }))).code).toBe('FORBIDDEN');
  });
});

describe('the placements import seam (placeImportedRow)', () => {
  it('gives each row its outcome and code; a repeated row is unchanged', async () => {
    const ctx = temp.ctx;
    const person = await addPerson(ctx, { name: '王秀英' });
    const ineligible = await addPerson(ctx, { category: '低保' });
    const township = ctx.townships[0]!;
    const base = { name: '王秀英', townshipCode: township.code, villageCode: person.village_code, postType: '保洁', startDate: '2022-03-01', subsidyFen: 65000 };
    const run = (row: Partial<typeof base> & { idNumber: string }) => ctx.wdb.db.transaction().execute((trx) => placeImportedRow(trx, ctx.divisions, { ...base, ...row }));

    const created = await run({ idNumber: person.id_number });
    expect(created.outcome).toBe('created');
    if (created.outcome !== 'created') return;
    expect(created.postCreated).not.toBeNull();
    expect(created.placement.agreement_end_date).toBe('2022-12-31');
    expect((await run({ idNumber: person.id_number })).outcome).toBe('unchanged');

    const codes = async (row: Parameters<typeof run>[0]) => {
      const outcome = await run(row);
      return outcome.outcome === 'rejected' ? outcome.errors.map((e) => e.code) : outcome.outcome;
    };
    expect(await codes({ idNumber: idFor('1980-01-01') })).toEqual(['PERSON_NOT_FOUND']);
    expect(await codes({ idNumber: person.id_number, name: '王秀兰' })).toEqual(['NAME_MISMATCH']);
    expect(await codes({ idNumber: person.id_number, startDate: '2022-02-30' })).toEqual(['BAD_DATE']);
    expect(await codes({ idNumber: person.id_number, postType: '门卫' })).toEqual(['BAD_POST_TYPE']);
    expect(await codes({ idNumber: person.id_number, startDate: '2022-05-01' })).toEqual(['ALREADY_PLACED']);
    expect(await codes({ idNumber: ineligible.id_number, name: ineligible.name })).toEqual(['NOT_ELIGIBLE']);
    expect(await codes({ idNumber: '130324197' })).toEqual(['ID_FORMAT']);
    // Rejected rows leave nothing behind: only the first row's post exists.
    expect(((await queryOne(ctx.wdb, 'select count(*) n from posts')) as { n: number }).n).toBe(1);

    const other = await addPerson(ctx);
    const warned = await run({ idNumber: other.id_number, name: other.name, subsidyFen: 60000 });
    expect(warned.outcome).toBe('created');
    expect(warned.warnings.map((w) => w.code)).toContain('SUBSIDY_DIFFERS');
    if (warned.outcome === 'created') expect(warned.placement.subsidy_fen).toBe(65000);
  });
});
