// The engine's handler map: one function per contract channel. IPC, HTTP and the CLI all call these.
import type { EngineContext } from '../context';
import type { Channel, } from '../../../shared/contract/channels';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract/schemas';
import { listTownships } from '../repositories/divisions';
import { listPolicies } from '../repositories/policies';
import { countPeople } from '../repositories/people';
import { addAdjustment, lockBoard, payrollMonthView, setAttendance, transitionPayroll } from './payroll';
import { exportPayrollHandler } from './payroll-export';
import { checkPersonHandler, exportPeopleHandler, listPeopleHandler, savePersonHandler } from './people';
import { createPostHandler, listPostsHandler, postsSummaryHandler, savePolicyHandler, saveTownshipPlanHandler, townshipPlansHandler } from './posts';
import { checkPlacementHandler, exitHandler, listPlacementsHandler, placeHandler, postHistoryHandler } from './placements';
import { r3Handler } from './reports';
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
  'payroll.month': (ctx, input) => payrollMonthView(ctx, input.month),
  'payroll.setAttendance': async (ctx, input) => { await setAttendance(ctx, input.month, input.entries); return payrollMonthView(ctx, input.month); },
  'payroll.transition': async (ctx, input) => { await transitionPayroll(ctx, input); return payrollMonthView(ctx, input.month); },
  'payroll.addAdjustment': async (ctx, input) => { await addAdjustment(ctx, input); return payrollMonthView(ctx, input.month); },
  'payroll.board': (ctx, input) => lockBoard(ctx, input.year),
  'payroll.export': (ctx, input) => exportPayrollHandler(ctx, input),
  'policies.plans': (ctx, input) => townshipPlansHandler(ctx, input),
  'policies.save': (ctx, input) => savePolicyHandler(ctx, input),
  'plans.save': (ctx, input) => saveTownshipPlanHandler(ctx, input),
  'posts.summary': (ctx, input) => postsSummaryHandler(ctx, input),
  'posts.list': (ctx, input) => listPostsHandler(ctx, input),
  'posts.create': (ctx, input) => createPostHandler(ctx, input),
  'posts.history': (ctx, input) => postHistoryHandler(ctx, input),
  'placements.list': (ctx, input) => listPlacementsHandler(ctx, input),
  'placements.check': (ctx, input) => checkPlacementHandler(ctx, input),
  'placements.place': (ctx, input) => placeHandler(ctx, input),
  'placements.exit': (ctx, input) => exitHandler(ctx, input),
  'reports.r3': (ctx, input) => r3Handler(ctx, input),
  'import.open': (ctx, input) => openImportHandler(ctx, input),
  'import.preview': (ctx, input) => previewImportHandler(ctx, input),
  'import.commit': (ctx, input) => commitImportHandler(ctx, input),
  'import.errorReport': (ctx, input) => errorReportHandler(ctx, input),
  'import.batches': (ctx) => batchesHandler(ctx),
  'import.undo': (ctx, input) => undoHandler(ctx, input),
  'import.compare': (ctx, input) => compareHandler(ctx, input),
};
