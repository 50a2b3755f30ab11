// The engine's handler map: one function per contract channel. IPC, HTTP and the CLI all call these.
import type { EngineContext } from '../context';
import type { Channel, } from '../../../shared/contract/channels';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract/schemas';
import { listTownships } from '../repositories/divisions';
import { listPolicies } from '../repositories/policies';
import { countPeople } from '../repositories/people';
import { checkPersonHandler, exportPeopleHandler, listPeopleHandler, savePersonHandler } from './people';
import { batchesHandler, commitImportHandler, compareHandler, errorReportHandler, openImportHandler, previewImportHandler, undoHandler } from './import';

export type Handlers = { [K in Channel]: (ctx: EngineContext, input: ChannelInput<K>) => Promise<ChannelOutput<K>> };

export const handlers: Handlers = {
  'app.info': async (ctx) => ({
    county: ctx.county,
    databasePath: ctx.wdb.path,
    peopleCount: await countPeople(ctx.wdb.db),
    policies: await listPolicies(ctx.wdb.db),
    user: { username: ctx.actor.username, role: ctx.actor.role },
  }),
  'divisions.townships': async (ctx) => {
    const all = await listTownships(ctx.wdb.db);
    return ctx.actor.townships ? all.filter((t) => ctx.actor.townships!.includes(t.code)) : all;
  },
  'people.list': (ctx) => listPeopleHandler(ctx),
  'people.check': (ctx, input) => checkPersonHandler(ctx, input),
  'people.save': (ctx, input) => savePersonHandler(ctx, input),
  'people.export': (ctx, input) => exportPeopleHandler(ctx, input),
  'import.open': (ctx, input) => openImportHandler(ctx, input),
  'import.preview': (ctx, input) => previewImportHandler(ctx, input),
  'import.commit': (ctx, input) => commitImportHandler(ctx, input),
  'import.errorReport': (ctx, input) => errorReportHandler(ctx, input),
  'import.batches': (ctx) => batchesHandler(ctx),
  'import.undo': (ctx, input) => undoHandler(ctx, input),
  'import.compare': (ctx, input) => compareHandler(ctx, input),
};
