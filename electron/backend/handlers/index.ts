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
};
