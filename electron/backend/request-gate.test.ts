// The gate a PostgreSQL restore closes while it swaps the server's pool (request-gate.ts).
import { describe, expect, it } from 'vitest';
import { RequestGate } from './request-gate';
import { copyRows } from './db/pg-dump';

/** A promise and its resolver, to hold a request open until the test lets it go. */
function held() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => { release = resolve; });
  return { promise, release };
}

describe('RequestGate', () => {
  it('lets running requests finish first, holds new ones until the exclusive work is done, and excepts its own request', async () => {
    const gate = new RequestGate();
    const order: string[] = [];
    const running = held();
    const first = gate.run(async () => { await running.promise; order.push('running finished'); });
    // The restore itself arrives as a request through the gate.
    const restore = gate.run(() => gate.exclusive(async () => { order.push('exclusive'); }));
    await expect.poll(() => gate.isClosed).toBe(true);
    const later = gate.run(async () => { order.push('later'); });
    expect(order).toEqual([]);
    running.release();
    await Promise.all([first, restore, later]);
    expect(order).toEqual(['running finished', 'exclusive', 'later']);
    expect(gate.isClosed).toBe(false);
  });

  it('refuses a second exclusive at the same time, and gives up with DB_BUSY when a request does not finish', async () => {
    const gate = new RequestGate(50);
    const stuck = held();
    const request = gate.run(() => stuck.promise);
    const waiting = gate.exclusive(async () => 'never');
    await expect(gate.exclusive(async () => 'second')).rejects.toMatchObject({ code: 'DB_BUSY' });
    await expect(waiting).rejects.toMatchObject({ code: 'DB_BUSY' });
    expect(gate.isClosed).toBe(false);
    stuck.release();
    await request;
    await expect(gate.exclusive(async () => 'now')).resolves.toBe('now');
  });
});

describe('copyRows (a dump\'s rows as pg_restore prints them)', () => {
  it('reads COPY blocks: columns by name, \\N as null, backslash escapes', () => {
    const script = [
      'SET statement_timeout = 0;',
      'COPY public.users (id, username, role, password_hash, disabled) FROM stdin;',
      '1\tadmin\tadmin\tscrypt$ab\\\\c\t0',
      '2\t李\\t录入\tclerk\t\\N\t1',
      '\\.',
      'COPY public.meta (key, value) FROM stdin;',
      'county_code\t130324',
      '\\.',
    ].join('\n');
    expect(copyRows(script, 'users')).toEqual([
      { id: '1', username: 'admin', role: 'admin', password_hash: 'scrypt$ab\\c', disabled: '0' },
      { id: '2', username: '李\t录入', role: 'clerk', password_hash: null, disabled: '1' },
    ]);
    expect(copyRows(script, 'meta')).toEqual([{ key: 'county_code', value: '130324' }]);
    expect(copyRows(script, 'people')).toEqual([]);
  });
});
