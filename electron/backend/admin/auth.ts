// Logging in and out, and the first administrator account (SPEC §8: scrypt, lockout, idle timeout).
import type { EngineContext } from '../context';
import type { ChannelInput, ChannelOutput, SessionUser } from '../../../shared/contract/schemas';
import { WorkbenchFailure } from '../failure';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { IDLE_MINUTES } from './sessions';
import { countUsers, findUserById, findUserByName, insertUser, LOCK_MINUTES, MAX_FAILED_LOGINS, recordFailedLogin, recordSuccessfulLogin, type UserRecord } from './users-repository';
import { writeAudit } from './audit-repository';
import { channelsFor } from '../registry';

export function sessionUser(user: UserRecord): SessionUser {
  return {
    username: user.username, displayName: user.displayName, role: user.role, townships: user.role === 'clerk' ? user.townships : null,
    channels: channelsFor(user.role),
  };
}

export function requireStrongPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new WorkbenchFailure('WEAK_PASSWORD', { reason: problem });
}

export async function authStatus(ctx: EngineContext): Promise<ChannelOutput<'auth.status'>> {
  const needsSetup = (await countUsers(ctx.wdb.db)) === 0;
  const userId = ctx.engine.sessions.resolve(ctx.session.token());
  const user = userId === null ? undefined : await findUserById(ctx.wdb.db, userId);
  return { needsSetup, user: user && !user.disabled ? sessionUser(user) : null, idleMinutes: IDLE_MINUTES };
}

export async function setupAdmin(ctx: EngineContext, input: ChannelInput<'auth.setup'>): Promise<ChannelOutput<'auth.setup'>> {
  requireStrongPassword(input.password);
  const hash = await hashPassword(input.password);
  const user = await ctx.wdb.db.transaction().execute(async (trx) => {
    // Checked inside the transaction: two first starts cannot both create an administrator.
    if ((await countUsers(trx)) > 0) throw new WorkbenchFailure('SETUP_DONE');
    const id = await insertUser(trx, { username: input.username, displayName: input.displayName, role: 'admin', townships: [], disabled: false }, hash);
    await writeAudit(trx, { username: input.username, entity: 'user', entityId: id, action: 'create', after: { username: input.username, role: 'admin', firstSetup: true } });
    return (await findUserById(trx, id))!;
  });
  ctx.session.setToken(ctx.engine.sessions.create(user.id));
  return { user: sessionUser(user) };
}

export async function login(ctx: EngineContext, input: ChannelInput<'auth.login'>, now = new Date()): Promise<ChannelOutput<'auth.login'>> {
  const db = ctx.wdb.db;
  const user = await findUserByName(db, input.username.trim());
  const failed = () => new WorkbenchFailure('LOGIN_FAILED', { limit: MAX_FAILED_LOGINS, minutes: LOCK_MINUTES });
  if (!user) {
    await writeAudit(db, { username: input.username.trim() || '(空)', entity: 'session', entityId: null, action: 'login-failed', after: { reason: 'unknown user' } });
    throw failed();
  }
  if (user.lockedUntil && new Date(user.lockedUntil) > now) {
    await writeAudit(db, { username: user.username, entity: 'session', entityId: user.id, action: 'login-failed', after: { reason: 'locked' } });
    throw new WorkbenchFailure('ACCOUNT_LOCKED', { until: new Date(user.lockedUntil).toLocaleTimeString('zh-CN', { hour12: false }) });
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    const lockedUntil = await recordFailedLogin(db, user, now);
    await writeAudit(db, { username: user.username, entity: 'session', entityId: user.id, action: 'login-failed', after: { reason: 'wrong password', locked: Boolean(lockedUntil) } });
    if (lockedUntil) throw new WorkbenchFailure('ACCOUNT_LOCKED', { until: new Date(lockedUntil).toLocaleTimeString('zh-CN', { hour12: false }) });
    throw failed();
  }
  if (user.disabled) {
    await writeAudit(db, { username: user.username, entity: 'session', entityId: user.id, action: 'login-failed', after: { reason: 'disabled' } });
    throw new WorkbenchFailure('ACCOUNT_DISABLED');
  }
  if (!(await recordSuccessfulLogin(db, user.id, now))) {
    const locked = await findUserById(db, user.id);
    await writeAudit(db, { username: user.username, entity: 'session', entityId: user.id, action: 'login-failed', after: { reason: 'locked' } });
    throw new WorkbenchFailure('ACCOUNT_LOCKED', { until: new Date(locked?.lockedUntil ?? now).toLocaleTimeString('zh-CN', { hour12: false }) });
  }
  await writeAudit(db, { username: user.username, entity: 'session', entityId: user.id, action: 'login' });
  ctx.engine.sessions.end(ctx.session.token());
  ctx.session.setToken(ctx.engine.sessions.create(user.id));
  return { user: sessionUser(user) };
}

export async function logout(ctx: EngineContext): Promise<ChannelOutput<'auth.logout'>> {
  await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'session', entityId: ctx.actor.userId ?? null, action: 'logout' });
  ctx.engine.sessions.end(ctx.session.token());
  ctx.session.setToken(undefined);
  return { loggedOut: true };
}
