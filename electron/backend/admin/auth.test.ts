import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword, passwordProblem } from './passwords';
import { SessionStore } from './sessions';
import { createTempDb, type TempDb } from '../testing/temp-db';
import { contextFor, type SessionDoor } from '../context';
import { dispatch, handleRequest } from '../dispatch';
import { login } from './auth';
import { queryOne } from '../testing/store-sql';

function memoryDoor(): SessionDoor & { value?: string } {
  const door: SessionDoor & { value?: string } = { token: () => door.value, setToken: (t) => { door.value = t; } };
  return door;
}

describe('passwords', () => {
  it('hashes with scrypt and a per-user salt, and verifies', async () => {
    const a = await hashPassword('secret123');
    const b = await hashPassword('secret123');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('secret123', a)).toBe(true);
    expect(await verifyPassword('secret124', a)).toBe(false);
    expect(await verifyPassword('secret123', null)).toBe(false);
    expect(await verifyPassword('secret123', 'garbage')).toBe(false);
  });
  it('asks for 8 characters with letters and digits', () => {
    expect(passwordProblem('abc1')).not.toBeNull();
    expect(passwordProblem('abcdefgh')).not.toBeNull();
    expect(passwordProblem('abcdefg1')).toBeNull();
  });
});

describe('sessions', () => {
  it('end after 30 idle minutes, and each request keeps them alive', () => {
    let now = 0;
    const store = new SessionStore(30 * 60_000, () => now);
    const token = store.create(7);
    now = 29 * 60_000;
    expect(store.resolve(token)).toBe(7);
    now += 29 * 60_000;
    expect(store.resolve(token)).toBe(7);
    now += 30 * 60_000 + 1;
    expect(store.resolve(token)).toBeNull();
    expect(store.resolve(token)).toBeNull();
    expect(store.resolve(undefined)).toBeNull();
  });
});

describe('first administrator, login and lockout', () => {
  let temp: TempDb;
  beforeAll(async () => { temp = await createTempDb(); });
  afterAll(async () => { await temp.cleanup(); });

  it('asks for the first administrator once, then never again', async () => {
    const door = memoryDoor();
    const engine = temp.ctx.engine;
    expect(await handleRequest(engine, door, 'auth.status', {})).toMatchObject({ ok: true, data: { needsSetup: true, user: null } });
    expect(await handleRequest(engine, door, 'auth.setup', { username: 'admin', displayName: '王管理', password: 'short' })).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
    expect(await handleRequest(engine, door, 'auth.setup', { username: 'admin', displayName: '王管理', password: 'secret123' })).toMatchObject({ ok: true, data: { user: { role: 'admin' } } });
    expect(door.value).toBeTruthy();
    expect(await handleRequest(engine, memoryDoor(), 'auth.setup', { username: 'admin2', displayName: '又一个', password: 'secret123' })).toMatchObject({ ok: false, error: { code: 'SETUP_DONE' } });
    expect(await handleRequest(engine, door, 'auth.status', {})).toMatchObject({ ok: true, data: { needsSetup: false, user: { username: 'admin' } } });
  });

  it('locks an account for 15 minutes after five wrong passwords, and logs every attempt', async () => {
    const ctx = contextFor(temp.ctx.engine, temp.ctx.actor, memoryDoor());
    await dispatch(ctx, 'users.save', { username: 'clerk1', displayName: '李录入', role: 'clerk', townships: [temp.ctx.townships[0]!.code], disabled: false, password: 'right123' });
    const t0 = new Date('2026-11-23T10:00:00Z');
    for (let i = 0; i < 4; i++) await expect(login(ctx, { username: 'clerk1', password: 'wrong' }, t0)).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
    await expect(login(ctx, { username: 'clerk1', password: 'wrong' }, t0)).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    // Locked: even the right password is refused until the lock ends.
    await expect(login(ctx, { username: 'clerk1', password: 'right123' }, new Date(t0.getTime() + 14 * 60_000))).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    await expect(login(ctx, { username: 'clerk1', password: 'right123' }, new Date(t0.getTime() + 16 * 60_000))).resolves.toMatchObject({ user: { username: 'clerk1' } });
    const failed = (await queryOne(temp.ctx.wdb, "select count(*) n from audit_log where action = 'login-failed' and username = 'clerk1'")) as { n: number };
    expect(failed.n).toBe(6);
    await expect(login(ctx, { username: 'nobody', password: 'x' })).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
  });

  it('refuses a disabled account and ends its sessions', async () => {
    const door = memoryDoor();
    const engine = temp.ctx.engine;
    await handleRequest(engine, door, 'auth.login', { username: 'clerk1', password: 'right123' });
    expect(await handleRequest(engine, door, 'app.info', {})).toMatchObject({ ok: true });
    const users = await dispatch(temp.ctx, 'users.list', {});
    const clerk = (users.ok ? users.data as { id: number; username: string; townships: string[] }[] : []).find((u) => u.username === 'clerk1')!;
    await dispatch(temp.ctx, 'users.save', { id: clerk.id, username: 'clerk1', displayName: '李录入', role: 'clerk', townships: clerk.townships, disabled: true });
    expect(await handleRequest(engine, door, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await handleRequest(engine, memoryDoor(), 'auth.login', { username: 'clerk1', password: 'right123' })).toMatchObject({ ok: false, error: { code: 'ACCOUNT_DISABLED' } });
  });

  it('never lets the last administrator be disabled or demoted', async () => {
    const users = await dispatch(temp.ctx, 'users.list', {});
    const admin = (users.ok ? users.data as { id: number; username: string }[] : []).find((u) => u.username === 'admin')!;
    expect(await dispatch(temp.ctx, 'users.save', { id: admin.id, username: 'admin', displayName: '王管理', role: 'manager', townships: [], disabled: false })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
  });
});
