// 用户管理 (administrators): create users, assign roles and townships, disable, reset passwords.
import type { EngineContext } from '../context';
import type { ChannelInput, ChannelOutput, UserView } from '../../../shared/contract/schemas';
import { WorkbenchFailure } from '../failure';
import { hashPassword } from './passwords';
import { findUserById, findUserByName, insertUser, listUsers, setPassword, updateUser, type UserRecord } from './users-repository';
import { writeAudit } from './audit-repository';
import { requireStrongPassword } from './auth';

function userView(user: UserRecord): UserView {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, townships: user.townships, disabled: user.disabled, lockedUntil: user.lockedUntil };
}

export async function listUsersHandler(ctx: EngineContext): Promise<ChannelOutput<'users.list'>> {
  return (await listUsers(ctx.wdb.db)).map(userView);
}

export async function saveUserHandler(ctx: EngineContext, input: ChannelInput<'users.save'>): Promise<ChannelOutput<'users.save'>> {
  for (const code of input.townships) if (!ctx.divisions.townshipName(code)) throw new WorkbenchFailure('UNKNOWN_TOWNSHIP', { value: code });
  const fields = { username: input.username.trim(), displayName: input.displayName.trim(), role: input.role, townships: input.role === 'clerk' ? input.townships : [], disabled: input.disabled };
  if (input.password !== undefined) requireStrongPassword(input.password);
  const hash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  const saved = await ctx.wdb.db.transaction().execute(async (trx) => {
    const sameName = await findUserByName(trx, fields.username);
    if (sameName && sameName.id !== input.id) throw new WorkbenchFailure('USERNAME_TAKEN', { username: fields.username });
    if (input.id) {
      const before = await findUserById(trx, input.id);
      if (!before) throw new WorkbenchFailure('NOT_FOUND');
      if (before.role === 'admin' && (fields.role !== 'admin' || fields.disabled)) {
        const admins = (await listUsers(trx)).filter((u) => u.role === 'admin' && !u.disabled);
        if (admins.length <= 1) throw new WorkbenchFailure('LAST_ADMIN');
      }
      await updateUser(trx, input.id, fields);
      if (hash) await setPassword(trx, input.id, hash);
      const after = (await findUserById(trx, input.id))!;
      await writeAudit(trx, { username: ctx.actor.username, entity: 'user', entityId: input.id, action: 'update', before: userView(before), after: userView(after) });
      return after;
    }
    if (!hash) throw new WorkbenchFailure('WEAK_PASSWORD', { reason: '新用户需要设置初始密码' });
    const id = await insertUser(trx, fields, hash);
    const created = (await findUserById(trx, id))!;
    await writeAudit(trx, { username: ctx.actor.username, entity: 'user', entityId: id, action: 'create', after: userView(created) });
    return created;
  });
  // Role, township or status changes take effect at the user's next request (sessions reload the user).
  if (saved.disabled) ctx.engine.sessions.endAllFor(saved.id);
  return userView(saved);
}

export async function resetPasswordHandler(ctx: EngineContext, input: ChannelInput<'users.resetPassword'>): Promise<ChannelOutput<'users.resetPassword'>> {
  requireStrongPassword(input.password);
  const user = await findUserById(ctx.wdb.db, input.id);
  if (!user) throw new WorkbenchFailure('NOT_FOUND');
  const hash = await hashPassword(input.password);
  await ctx.wdb.db.transaction().execute(async (trx) => {
    await setPassword(trx, input.id, hash);
    await writeAudit(trx, { username: ctx.actor.username, entity: 'user', entityId: input.id, action: 'reset-password', after: { username: user.username } });
  });
  ctx.engine.sessions.endAllFor(input.id);
  return { reset: true };
}
