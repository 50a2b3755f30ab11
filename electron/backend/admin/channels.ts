// Sign-in, the application, users, the audit log and backups: the channels this feature serves, with who may call each and its township scope.
import { registerChannels } from '../registry';
import { ADMINS, MANAGERS } from '../../../shared/contract/access';
import { listTownships } from '../divisions/repository';
import { countPeople } from '../people/repository';
import { listPolicies } from '../posts/policies-repository';
import { exportAuditHandler, listAuditHandler } from './audit';
import { authStatus, login, logout, setupAdmin } from './auth';
import { backupToFolder, listBackups, restoreBackup, retentionCounts } from './backups';
import { listUsersHandler, resetPasswordHandler, saveUserHandler } from './users';

export const adminChannels = registerChannels({
  'auth.status': { access: 'public', scope: 'county', handler: (ctx) => authStatus(ctx) },
  'auth.setup': { access: 'public', scope: 'county', handler: (ctx, input) => setupAdmin(ctx, input) },
  'auth.login': { access: 'public', scope: 'county', handler: (ctx, input) => login(ctx, input) },
  'auth.logout': { access: 'any', scope: 'county', handler: (ctx) => logout(ctx) },
  'app.info': { access: 'any', scope: 'county', handler: async (ctx) => ({
    county: ctx.county,
    databasePath: ctx.wdb.path,
    peopleCount: await countPeople(ctx.wdb.db),
    policies: await listPolicies(ctx.wdb.db),
    user: { username: ctx.actor.username, role: ctx.actor.role },
  }) },
  'divisions.townships': { access: 'any', scope: 'scoped', handler: async (ctx) => {
    return (await listTownships(ctx.wdb.db)).filter((t) => ctx.scope.has(t.code));
  } },
  'users.list': { access: ADMINS, scope: 'county', handler: (ctx) => listUsersHandler(ctx) },
  'users.save': { access: ADMINS, scope: 'county', handler: (ctx, input) => saveUserHandler(ctx, input) },
  'users.resetPassword': { access: ADMINS, scope: 'county', handler: (ctx, input) => resetPasswordHandler(ctx, input) },
  'audit.list': { access: MANAGERS, scope: 'county', handler: (ctx, input) => listAuditHandler(ctx, input) },
  'audit.export': { access: MANAGERS, scope: 'county', handler: (ctx, input) => exportAuditHandler(ctx, input) },
  'backups.list': { access: ADMINS, scope: 'county', handler: async (ctx) => {
    const backups = listBackups(ctx.engine);
    return { directory: ctx.engine.backupDir, backups, retention: retentionCounts(backups) };
  } },
  'backups.create': { access: ADMINS, scope: 'county', handler: (ctx, input) => backupToFolder(ctx.engine, input.directory, ctx.actor.username) },
  'backups.restore': { access: ADMINS, scope: 'county', handler: (ctx, input) => restoreBackup(ctx.engine, input.file, ctx.actor.username, { confirmNoAdmin: input.confirmNoAdmin, userId: ctx.actor.userId }) },
});
