// 年度政策, 公益岗位 and 上岗安置: policies, posts and placements: the channels this feature serves, with who may call each and its township scope.
import { registerChannels } from '../registry';
import { ADMINS, EDITORS, MANAGERS } from '../../../shared/contract/access';
import { checkPlacementHandler, exitHandler, listPlacementsHandler, placeHandler, postHistoryHandler } from './placements';
import { createPostHandler, listPostsHandler, postsSummaryHandler, savePolicyHandler, saveTownshipPlanHandler, townshipPlansHandler } from './posts';

export const postsChannels = registerChannels({
  'policies.plans': { access: 'any', scope: 'county', handler: (ctx, input) => townshipPlansHandler(ctx, input) },
  'policies.save': { access: ADMINS, scope: 'county', handler: (ctx, input) => savePolicyHandler(ctx, input) },
  'plans.save': { access: MANAGERS, scope: 'scopedWrite', handler: (ctx, input) => saveTownshipPlanHandler(ctx, input) },
  'posts.summary': { access: 'any', scope: 'scoped', handler: (ctx, input) => postsSummaryHandler(ctx, input) },
  'posts.list': { access: 'any', scope: 'scoped', handler: (ctx, input) => listPostsHandler(ctx, input) },
  'posts.create': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => createPostHandler(ctx, input) },
  'posts.history': { access: 'any', scope: 'scoped', handler: (ctx, input) => postHistoryHandler(ctx, input) },
  'placements.list': { access: 'any', scope: 'scoped', handler: (ctx, input) => listPlacementsHandler(ctx, input) },
  'placements.check': { access: 'any', scope: 'scopedWrite', handler: (ctx, input) => checkPlacementHandler(ctx, input) },
  'placements.place': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => placeHandler(ctx, input) },
  'placements.exit': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => exitHandler(ctx, input) },
});
