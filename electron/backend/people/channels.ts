// 人员台账: people: the channels this feature serves, with who may call each and its township scope.
import { registerChannels } from '../registry';
import { EDITORS, MANAGERS } from '../../../shared/contract/access';
import { checkPersonHandler, exportPeopleHandler, getPersonHandler, listPeopleHandler, matchIdHandler, revealHandler, savePersonHandler } from './people';

export const peopleChannels = registerChannels({
  'people.list': { access: 'any', scope: 'scoped', handler: (ctx) => listPeopleHandler(ctx) },
  'people.get': { access: EDITORS, scope: 'scoped', reveals: true, handler: (ctx, input) => getPersonHandler(ctx, input) },
  'people.check': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => checkPersonHandler(ctx, input) },
  'people.save': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => savePersonHandler(ctx, input) },
  'people.export': { access: 'any', scope: 'scoped', handler: (ctx, input) => exportPeopleHandler(ctx, input) },
  'people.reveal': { access: MANAGERS, scope: 'scoped', reveals: true, handler: (ctx, input) => revealHandler(ctx, input) },
  'people.matchId': { access: 'any', scope: 'scoped', handler: (ctx, input) => matchIdHandler(ctx, input) },
});
