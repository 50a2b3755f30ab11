// The engine's handler map: one function per contract channel. IPC, HTTP and the CLI all call these.
import type { EngineContext } from '../context';
import type { Channel } from '../../../shared/contract/channels';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract/schemas';
import { listTownships } from '../repositories/divisions';
import { listPolicies } from '../repositories/policies';
import { countPeople } from '../repositories/people';
import { checkPersonHandler, exportPeopleHandler, getPersonHandler, listPeopleHandler, matchIdHandler, revealHandler, savePersonHandler } from './people';
import { authStatus, login, logout, setupAdmin } from './auth';
import { listUsersHandler, resetPasswordHandler, saveUserHandler } from './users';
import { exportAuditHandler, listAuditHandler } from './audit';
import { backupToFolder, listBackups, restoreBackup } from '../backups';
import {
  addServiceHandler, checksHandler, deleteServiceHandler, ledgerHandler, listServicesHandler, saveEmploymentHandler, saveTargetsHandler, targetsHandler,
} from './employment';
import { enrolHandler, listTrainingsHandler, saveTrainingHandler, setTraineeHandler, traineesHandler, unenrolHandler } from './trainings';
import { employmentReportFile } from '../reports/employment-reports';
import { addAdjustment, lockBoard, payrollMonthView, setAttendance, transitionPayroll } from './payroll';
import { exportPayrollHandler } from './payroll-export';
import { createPostHandler, listPostsHandler, postsSummaryHandler, savePolicyHandler, saveTownshipPlanHandler, townshipPlansHandler } from './posts';
import { checkPlacementHandler, exitHandler, listPlacementsHandler, placeHandler, postHistoryHandler } from './placements';
import { r3Handler } from './reports';
import { batchesHandler, commitImportHandler, compareHandler, errorReportHandler, openImportHandler, previewImportHandler, undoHandler } from './import';

export type Handlers = { [K in Channel]: (ctx: EngineContext, input: ChannelInput<K>) => Promise<ChannelOutput<K>> };

export const handlers: Handlers = {
  'auth.status': (ctx) => authStatus(ctx),
  'auth.setup': (ctx, input) => setupAdmin(ctx, input),
  'auth.login': (ctx, input) => login(ctx, input),
  'auth.logout': (ctx) => logout(ctx),
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
  'people.get': (ctx, input) => getPersonHandler(ctx, input),
  'people.check': (ctx, input) => checkPersonHandler(ctx, input),
  'people.save': (ctx, input) => savePersonHandler(ctx, input),
  'people.export': (ctx, input) => exportPeopleHandler(ctx, input),
  'people.reveal': (ctx, input) => revealHandler(ctx, input),
  'people.matchId': (ctx, input) => matchIdHandler(ctx, input),
  'users.list': (ctx) => listUsersHandler(ctx),
  'users.save': (ctx, input) => saveUserHandler(ctx, input),
  'users.resetPassword': (ctx, input) => resetPasswordHandler(ctx, input),
  'audit.list': (ctx, input) => listAuditHandler(ctx, input),
  'audit.export': (ctx, input) => exportAuditHandler(ctx, input),
  'backups.list': async (ctx) => ({ directory: ctx.engine.backupDir, backups: listBackups(ctx.engine) }),
  'backups.create': (ctx, input) => backupToFolder(ctx.engine, input.directory, ctx.actor.username),
  'backups.restore': (ctx, input) => restoreBackup(ctx.engine, input.file, ctx.actor.username),
  'employment.ledger': (ctx, input) => ledgerHandler(ctx, input),
  'employment.save': (ctx, input) => saveEmploymentHandler(ctx, input),
  'employment.checks': (ctx, input) => checksHandler(ctx, input),
  'employment.targets': (ctx, input) => targetsHandler(ctx, input),
  'employment.saveTargets': (ctx, input) => saveTargetsHandler(ctx, input),
  'services.list': (ctx, input) => listServicesHandler(ctx, input),
  'services.add': (ctx, input) => addServiceHandler(ctx, input),
  'services.delete': (ctx, input) => deleteServiceHandler(ctx, input),
  'trainings.list': (ctx, input) => listTrainingsHandler(ctx, input),
  'trainings.save': (ctx, input) => saveTrainingHandler(ctx, input),
  'trainings.trainees': (ctx, input) => traineesHandler(ctx, input),
  'trainings.enrol': (ctx, input) => enrolHandler(ctx, input),
  'trainings.setTrainee': (ctx, input) => setTraineeHandler(ctx, input),
  'trainings.unenrol': (ctx, input) => unenrolHandler(ctx, input),
  'reports.employment': async (ctx, input) => {
    const file = await employmentReportFile(ctx, input.report, input.month);
    return { fileName: file.fileName, base64: file.buffer.toString('base64'), rows: file.rows };
  },
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
