// 年度政策, 岗位计划 and 公益岗位 handlers: the year's figures, the township plans, the posts with their
// holders, and the plan / developed / filled / vacant summary.
import type { EngineContext } from '../context';
import type { ChannelInput, ChannelOutput, PostView } from '../../../shared/contract/schemas';
import { policyProblems, type YearPolicy } from '../../../shared/domain/policy';
import { clampToWindow, isActiveOn, vacantFrom } from '../../../shared/domain/placement';
import { defaultEmployingUnit, isPostType, POST_TYPES } from '../../../shared/domain/posts';
import type { PostRow } from '../db/schema';
import { WorkbenchFailure } from '../failure';
import { writeAudit } from '../admin/audit-repository';
import { getPolicy, listTownshipPlans, savePolicy, saveTownshipPlan } from './policies-repository';
import { insertPost, listPosts, postCountsByTownship } from './posts-repository';
import { placementsOfYear, type PlacementDetail } from './placements-repository';
import { quotaError, Refusal } from './placing';
import { requireRole } from '../scope';
import { localDate } from '../../../shared/domain/dates';
import { ADMINS, EDITORS, MANAGERS } from '../../../shared/contract/access';

/** The day a year's state is shown for: today, held within the year's paid months. */
export async function asOfDate(ctx: EngineContext, year: number): Promise<{ policy: YearPolicy; asOf: string }> {
  const policy = await getPolicy(ctx.wdb.db, year);
  if (!policy) throw new WorkbenchFailure('POLICY_MISSING', { year });
  return { policy, asOf: clampToWindow(policy, localDate()) };
}

export function toPostView(ctx: EngineContext, post: PostRow, placements: readonly PlacementDetail[], asOf: string): PostView {
  const holder = placements.find((p) => isActiveOn(p, asOf));
  const ended = placements.filter((p) => vacantFrom(p) <= asOf);
  return {
    id: post.id,
    year: post.year,
    townshipCode: post.township_code,
    townshipName: ctx.divisions.townshipNameOf(post.township_code),
    villageCode: post.village_code,
    villageName: ctx.divisions.villageNameOf(post.village_code),
    postType: post.post_type,
    employingUnit: post.employing_unit,
    status: holder ? '在岗' : '空缺',
    holderName: holder?.name ?? '',
    holderPlacementId: holder?.id ?? null,
    vacantFrom: holder ? null : ended.length ? vacantFrom(ended[ended.length - 1]!) : null,
    holders: placements.length,
  };
}

function groupByPost(placements: readonly PlacementDetail[]): Map<number, PlacementDetail[]> {
  const byPost = new Map<number, PlacementDetail[]>();
  for (const p of placements) {
    const list = byPost.get(p.postId) ?? [];
    list.push(p);
    byPost.set(p.postId, list);
  }
  for (const list of byPost.values()) list.sort((a, b) => a.startDate.localeCompare(b.startDate));
  return byPost;
}

export async function listPostsHandler(ctx: EngineContext, input: ChannelInput<'posts.list'>): Promise<ChannelOutput<'posts.list'>> {
  const { asOf } = await asOfDate(ctx, input.year);
  const posts = await listPosts(ctx.wdb.db, input.year, ctx.scope.townships);
  const byPost = groupByPost(await placementsOfYear(ctx.wdb.db, input.year, ctx.scope.townships));
  return { asOf, posts: posts.map((post) => toPostView(ctx, post, byPost.get(post.id) ?? [], asOf)) };
}

export async function postsSummaryHandler(ctx: EngineContext, input: ChannelInput<'posts.summary'>): Promise<ChannelOutput<'posts.summary'>> {
  const { policy, asOf } = await asOfDate(ctx, input.year);
  const db = ctx.wdb.db;
  const plans = new Map((await listTownshipPlans(db, input.year)).map((p) => [p.townshipCode, p.plannedPosts]));
  const developed = await postCountsByTownship(db, input.year);
  const filledPosts = new Map<string, Set<number>>();
  for (const p of await placementsOfYear(db, input.year)) {
    if (!isActiveOn(p, asOf)) continue;
    const set = filledPosts.get(p.townshipCode) ?? new Set<number>();
    set.add(p.postId);
    filledPosts.set(p.townshipCode, set);
  }
  const line = (code: string, name: string, plannedPosts: number | null, ownPlan: boolean, dev: number, filled: number) =>
    ({ code, name, plannedPosts, ownPlan, developed: dev, filled, vacant: dev - filled });
  const townships = ctx.townships
    .filter((t) => ctx.scope.has(t.code))
    .map((t) => {
      const plan = plans.get(t.code) ?? null;
      return line(t.code, t.name, plan, plan !== null, developed.get(t.code) ?? 0, filledPosts.get(t.code)?.size ?? 0);
    });
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const countyFilled = [...filledPosts.values()].reduce((n, s) => n + s.size, 0);
  return { year: input.year, asOf, county: line(ctx.county.code, ctx.county.name, policy.plannedPosts, true, sum(developed), countyFilled), townships };
}

export async function createPostHandler(ctx: EngineContext, input: ChannelInput<'posts.create'>): Promise<ChannelOutput<'posts.create'>> {
  const townshipCode = ctx.divisions.villageTownship(input.villageCode);
  if (!townshipCode) throw new WorkbenchFailure('UNKNOWN_VILLAGE', { value: input.villageCode });
  requireRole(ctx.actor, EDITORS);
  ctx.scope.require(townshipCode);
  if (!isPostType(input.postType)) throw new WorkbenchFailure('BAD_POST_TYPE', { value: input.postType, allowed: POST_TYPES.join('/') });
  const { asOf } = await asOfDate(ctx, input.year);
  const villageFullName = ctx.townships.find((t) => t.code === townshipCode)!.villages.find((v) => v.code === input.villageCode)!.name;
  const post = await ctx.wdb.db.transaction().execute(async (trx) => {
    const refusal = await quotaError(trx, ctx.divisions, input.year, townshipCode);
    if (refusal) throw new Refusal([refusal]);
    const created = await insertPost(trx, {
      year: input.year, township_code: townshipCode, village_code: input.villageCode, post_type: input.postType,
      employing_unit: input.employingUnit?.trim() || defaultEmployingUnit(villageFullName),
    });
    await writeAudit(trx, { username: ctx.actor.username, entity: 'post', entityId: created.id, action: 'create', after: created });
    return created;
  });
  return toPostView(ctx, post, [], asOf);
}

export async function townshipPlansHandler(ctx: EngineContext, input: ChannelInput<'policies.plans'>): Promise<ChannelOutput<'policies.plans'>> {
  return listTownshipPlans(ctx.wdb.db, input.year);
}

/** 年度政策 (administrator): the year's figures and the township plans, checked together. */
export async function savePolicyHandler(ctx: EngineContext, input: ChannelInput<'policies.save'>): Promise<ChannelOutput<'policies.save'>> {
  requireRole(ctx.actor, ADMINS);
  const problems = policyProblems(input.policy, input.townshipPlans);
  for (const plan of input.townshipPlans) {
    if (!ctx.divisions.townshipName(plan.townshipCode)) problems.push(`乡镇代码${plan.townshipCode}不属于本县`);
  }
  if (problems.length) throw new WorkbenchFailure('POLICY_INVALID', { detail: problems.join('；') });
  const db = ctx.wdb.db;
  await db.transaction().execute(async (trx) => {
    const before = await getPolicy(trx, input.policy.year);
    const developed = await postCountsByTownship(trx, input.policy.year);
    const total = [...developed.values()].reduce((a, b) => a + b, 0);
    if (input.policy.plannedPosts < total) throw new WorkbenchFailure('POLICY_INVALID', { detail: `全县已开发${total}个岗位，计划不能少于此数` });
    for (const plan of input.townshipPlans) {
      const n = developed.get(plan.townshipCode) ?? 0;
      if (plan.plannedPosts !== null && plan.plannedPosts < n) {
        throw new WorkbenchFailure('POLICY_INVALID', { detail: `${ctx.divisions.townshipNameOf(plan.townshipCode)}已开发${n}个岗位，计划不能少于此数` });
      }
    }
    await savePolicy(trx, input.policy);
    for (const plan of input.townshipPlans) await saveTownshipPlan(trx, input.policy.year, plan);
    await writeAudit(trx, { username: ctx.actor.username, entity: 'year_policy', entityId: input.policy.year, action: before ? 'update' : 'create', before: before ?? undefined, after: input });
  });
  return { policy: (await getPolicy(db, input.policy.year))!, townshipPlans: await listTownshipPlans(db, input.policy.year) };
}

/** A manager raises (or lowers) one township's plan for a year, within the county's plan. */
export async function saveTownshipPlanHandler(ctx: EngineContext, input: ChannelInput<'plans.save'>): Promise<ChannelOutput<'plans.save'>> {
  requireRole(ctx.actor, MANAGERS);
  if (!ctx.divisions.townshipName(input.townshipCode)) throw new WorkbenchFailure('UNKNOWN_TOWNSHIP', { value: input.townshipCode });
  ctx.scope.require(input.townshipCode);
  const db = ctx.wdb.db;
  return db.transaction().execute(async (trx) => {
    const policy = await getPolicy(trx, input.year);
    if (!policy) throw new WorkbenchFailure('POLICY_MISSING', { year: input.year });
    const plans = await listTownshipPlans(trx, input.year);
    const before = plans.find((p) => p.townshipCode === input.townshipCode) ?? null;
    const after = { townshipCode: input.townshipCode, plannedPosts: input.plannedPosts, employmentTarget: before?.employmentTarget ?? null };
    const others = plans.filter((p) => p.townshipCode !== input.townshipCode);
    const problems = policyProblems(policy, [...others, after]);
    const developed = (await postCountsByTownship(trx, input.year)).get(input.townshipCode) ?? 0;
    if (input.plannedPosts !== null && input.plannedPosts < developed) problems.push(`${ctx.divisions.townshipNameOf(input.townshipCode)}已开发${developed}个岗位，计划不能少于此数`);
    if (problems.length) throw new WorkbenchFailure('PLAN_INVALID', { detail: problems.join('；') });
    await saveTownshipPlan(trx, input.year, after);
    await writeAudit(trx, { username: ctx.actor.username, entity: 'township_plan', entityId: `${input.year}/${input.townshipCode}`, action: 'update', before: before ?? undefined, after });
    return after;
  });
}
