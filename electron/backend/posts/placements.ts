// 上岗安置 handlers: the year's placements, the rule check before placing, placing (上岗/补岗) and 退岗.
// Every write is audited in the same transaction as the change.
import type { EngineContext } from '../context';
import type { ChannelInput, ChannelOutput, PlacementView } from '../../../shared/contract/schemas';
import { checkExit } from '../../../shared/domain/eligibility';
import { ageOn, maskIdNumber } from '../../../shared/domain/id-number';
import { WorkbenchFailure } from '../failure';
import { writeAudit } from '../admin/audit-repository';
import { getPlacement, getPlacementRow, placementsOfPost, placementsOfYear, recordExit, type PlacementDetail } from './placements-repository';
import { getPost } from './posts-repository';
import { getPerson } from '../people/repository';
import { placePerson, Refusal, reviewPlacement } from './placing';
import { requireRole } from '../scope';
import { EDITORS } from '../../../shared/contract/access';
import { asOfDate, toPostView } from './posts';

export function toPlacementView(ctx: EngineContext, p: PlacementDetail, known: readonly PlacementDetail[], asOf: string): PlacementView {
  const replaced = p.replacesPlacementId === null ? undefined : known.find((k) => k.id === p.replacesPlacementId);
  const status: PlacementView['status'] = p.exitDate !== null && p.exitDate <= asOf ? '已退岗'
    : asOf < p.startDate ? '未开始'
    : asOf > p.agreementEndDate ? '协议期满'
    : '在岗';
  return {
    id: p.id,
    personId: p.personId,
    name: p.name,
    idMasked: maskIdNumber(p.idNumber),
    sex: p.sex,
    ageOnStart: ageOn(p.birthDate, p.startDate),
    postId: p.postId,
    postYear: p.postYear,
    townshipName: ctx.divisions.townshipNameOf(p.townshipCode),
    villageName: ctx.divisions.villageNameOf(p.villageCode),
    postType: p.postType,
    employingUnit: p.employingUnit,
    startDate: p.startDate,
    agreementEndDate: p.agreementEndDate,
    exitDate: p.exitDate,
    exitReason: p.exitReason,
    subsidyFen: p.subsidyFen,
    status,
    replacesPlacementId: p.replacesPlacementId,
    replacesName: replaced?.name ?? null,
    confirmedWarnings: p.confirmedWarnings ? (JSON.parse(p.confirmedWarnings) as string[]) : [],
  };
}

async function viewOf(ctx: EngineContext, id: number): Promise<PlacementView> {
  const detail = (await getPlacement(ctx.wdb.db, id))!;
  const replaced = detail.replacesPlacementId ? await getPlacement(ctx.wdb.db, detail.replacesPlacementId) : undefined;
  const { asOf } = await asOfDate(ctx, detail.postYear);
  return toPlacementView(ctx, detail, replaced ? [replaced] : [], asOf);
}

export async function listPlacementsHandler(ctx: EngineContext, input: ChannelInput<'placements.list'>): Promise<ChannelOutput<'placements.list'>> {
  const { asOf } = await asOfDate(ctx, input.year);
  const all = await placementsOfYear(ctx.wdb.db, input.year, ctx.scope.townships);
  return all.map((p) => toPlacementView(ctx, p, all, asOf));
}

async function postInScope(ctx: EngineContext, postId: number) {
  const post = await getPost(ctx.wdb.db, postId);
  if (!post) throw new WorkbenchFailure('NOT_FOUND');
  ctx.scope.require(post.township_code);
  return post;
}

/** The person placed must be of the actor's townships too, not only the post. */
async function personInScope(ctx: EngineContext, personId: number): Promise<void> {
  const person = await getPerson(ctx.wdb.db, personId);
  if (person) ctx.scope.require(person.township_code);
}

export async function checkPlacementHandler(ctx: EngineContext, input: ChannelInput<'placements.check'>): Promise<ChannelOutput<'placements.check'>> {
  await postInScope(ctx, input.postId);
  await personInScope(ctx, input.personId);
  const { check, policy } = await reviewPlacement(ctx.wdb.db, ctx.divisions, input);
  return {
    checks: check.checks,
    canPlace: check.refusals.length === 0,
    needsConfirmation: check.warnings.length > 0,
    agreementEndDate: check.agreementEndDate,
    maxAgreementEndDate: check.maxAgreementEndDate,
    subsidyFen: policy?.monthlySubsidyFen ?? null,
  };
}

export async function placeHandler(ctx: EngineContext, input: ChannelInput<'placements.place'>): Promise<ChannelOutput<'placements.place'>> {
  requireRole(ctx.actor, EDITORS);
  await postInScope(ctx, input.postId);
  await personInScope(ctx, input.personId);
  const { confirmWarnings, ...request } = input;
  const placement = await ctx.wdb.db.transaction().execute(async (trx) => {
    const { placement: created, review } = await placePerson(trx, ctx.divisions, request, { confirmWarnings });
    await writeAudit(trx, {
      username: ctx.actor.username, entity: 'placement', entityId: created.id,
      action: created.replaces_placement_id ? 'replace' : 'place',
      after: { ...created, confirmedWarnings: review.check.warnings.map((w) => w.message) },
    });
    return created;
  });
  return viewOf(ctx, placement.id);
}

export async function exitHandler(ctx: EngineContext, input: ChannelInput<'placements.exit'>): Promise<ChannelOutput<'placements.exit'>> {
  requireRole(ctx.actor, EDITORS);
  const detail = await getPlacement(ctx.wdb.db, input.placementId);
  if (!detail) throw new WorkbenchFailure('NOT_FOUND');
  ctx.scope.require(detail.townshipCode);
  await ctx.wdb.db.transaction().execute(async (trx) => {
    const before = (await getPlacementRow(trx, input.placementId))!;
    const refusal = checkExit({
      placement: { startDate: before.start_date, agreementEndDate: before.agreement_end_date, exitDate: before.exit_date, exitReason: before.exit_reason },
      exitDate: input.exitDate,
      reason: input.reason,
    });
    if (refusal) throw new Refusal([refusal]);
    const after = await recordExit(trx, input.placementId, input.exitDate, input.reason);
    await writeAudit(trx, { username: ctx.actor.username, entity: 'placement', entityId: after.id, action: 'exit', before, after });
  });
  return viewOf(ctx, input.placementId);
}

/** A post and the chain of its holders (上岗, 退岗, 补岗) with dates. */
export async function postHistoryHandler(ctx: EngineContext, input: ChannelInput<'posts.history'>): Promise<ChannelOutput<'posts.history'>> {
  const post = await postInScope(ctx, input.postId);
  const { asOf } = await asOfDate(ctx, post.year);
  const placements = await placementsOfPost(ctx.wdb.db, post.id);
  return { post: toPostView(ctx, post, placements, asOf), placements: placements.map((p) => toPlacementView(ctx, p, placements, asOf)) };
}
