// Roles and township scope, enforced in the engine for every door (SPEC §1, §8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from './testing/temp-db';
import { contextFor, type Actor, type EngineContext } from './context';
import { dispatch } from './dispatch';
import { CHANNELS } from '../../shared/contract/channels';
import { registry } from './channels';
import { decodePeopleList, type ChannelOutput, type PersonView } from '../../shared/contract/schemas';
import { queryOne, queryRows } from './testing/store-sql';

const YANHEYING = '130324102000';

describe('roles and township scope in the engine', () => {
  let temp: TempDb;
  let clerk: EngineContext;
  let manager: EngineContext;
  let admin: EngineContext;

  beforeAll(async () => {
    temp = await createTempDb({ demo: true });
    const as = (actor: Actor) => contextFor(temp.ctx.engine, actor);
    clerk = as({ username: 'clerk-yhy', role: 'clerk', townships: [YANHEYING] });
    manager = as({ username: 'manager', role: 'manager', townships: null });
    admin = as({ username: 'admin', role: 'admin', townships: null });
  });
  afterAll(async () => { await temp.cleanup(); });

  it('refuses every channel a role may not call, before looking at the input', async () => {
    for (const channel of CHANNELS) {
      const access = registry[channel].access;
      for (const [role, ctx] of [['clerk', clerk], ['manager', manager], ['admin', admin]] as const) {
        const allowed = access === 'public' || access === 'any' || (access as readonly string[]).includes(role);
        const result = await dispatch(ctx, channel, { deliberately: 'invalid' });
        // Allowed channels then fail validation; refused ones never get that far.
        expect(result.ok ? 'ok' : result.error.code, `${role} ${channel}`).toBe(allowed ? 'VALIDATION' : 'FORBIDDEN');
      }
    }
  });

  it('shows a clerk only the assigned township, with numbers masked there too', async () => {
    const result = await dispatch(clerk, 'people.list', {});
    if (!result.ok) throw new Error(result.error.message);
    const people = decodePeopleList(result.data as ChannelOutput<'people.list'>);
    const expected = ((await queryOne(temp.ctx.wdb, 'select count(*) n from people where township_code = ?', [YANHEYING])) as { n: number }).n;
    expect(people).toHaveLength(expected);
    expect(people.every((p) => p.townshipCode === YANHEYING)).toBe(true);
    // A clerk never sees a full ID (issue 10); the edit form sends the masked number back unchanged.
    expect(people.every((p) => /^\d{6}\*{8}\d{3}[\dX]$/.test(p.idNumber))).toBe(true);
    const townships = await dispatch(clerk, 'divisions.townships', {});
    expect(townships.ok && (townships.data as { code: string }[]).map((t) => t.code)).toEqual([YANHEYING]);
  });

  it('refuses a clerk any person of another township, whichever channel', async () => {
    const other = (await queryOne(temp.ctx.wdb, 'select * from people where township_code != ? limit 1', [YANHEYING])) as { id: number; version: number; id_number: string; township_code: string; village_code: string; name: string };
    expect(await dispatch(clerk, 'people.get', { id: other.id })).toMatchObject({ ok: false, error: { code: 'OUT_OF_SCOPE' } });
    const person = { idNumber: other.id_number, name: '改名', phone: '', townshipCode: other.township_code, villageCode: other.village_code, householdNo: '', relation: '', category: '脱贫户', labourAbility: '普通劳动力', cardNumber: '', bank: '', remark: '' };
    const save = await dispatch(clerk, 'people.save', { id: other.id, version: other.version, person });
    expect(save).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(((await queryOne(temp.ctx.wdb, 'select name from people where id = ?', [other.id])) as { name: string }).name).toBe(other.name);
    const exported = await dispatch(clerk, 'people.export', { ids: [other.id] });
    expect(exported.ok && (exported.data as { rows: number }).rows).toBe(0);
    const matched = await dispatch(clerk, 'people.matchId', { fragment: other.id_number.slice(6, 14) });
    expect(matched.ok && (matched.data as { ids: number[] }).ids).not.toContain(other.id);
    // The duplicate message does not name a person outside the clerk's townships.
    const check = await dispatch(clerk, 'people.check', { person: { ...person, townshipCode: YANHEYING, villageCode: temp.ctx.townships.find((t) => t.code === YANHEYING)!.villages[0]!.code } });
    const message = check.ok ? (check.data as { errors: Record<string, { message: string }> }).errors.idNumber?.message : '';
    expect(message).toContain('已登记');
    expect(message).not.toContain(other.name);
  });

  it('shows managers and administrators masked numbers; a reveal returns one value and is logged', async () => {
    const result = await dispatch(manager, 'people.list', {});
    if (!result.ok) throw new Error(result.error.message);
    const people = decodePeopleList(result.data as ChannelOutput<'people.list'>);
    expect(people).toHaveLength(9236);
    expect(people.every((p) => /^\d{6}\*{8}\d{3}[\dX]$/.test(p.idNumber))).toBe(true);
    expect(people.filter((p) => p.cardMasked).every((p) => /^\*+\d{4}$/.test(p.cardMasked))).toBe(true);
    const target = people[100]!;
    const revealed = await dispatch(manager, 'people.reveal', { id: target.id, field: 'idNumber' });
    const real = ((await queryOne(temp.ctx.wdb, 'select id_number from people where id = ?', [target.id])) as { id_number: string }).id_number;
    expect(revealed).toEqual({ ok: true, data: { value: real } });
    const audit = (await queryRows(temp.ctx.wdb, "select * from audit_log where action = 'reveal' and username = 'manager' and entity_id = ?", [String(target.id)]));
    expect(audit).toHaveLength(1);
    // Managers review; they do not edit the ledger.
    expect(await dispatch(manager, 'people.get', { id: target.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const full = await dispatch(admin, 'people.get', { id: target.id });
    expect(full.ok && (full.data as PersonView).idNumber).toBe(real);
  });
});
