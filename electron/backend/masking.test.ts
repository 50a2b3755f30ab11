// A clerk never sees a full ID number (issue 10): every channel a clerk may call, answered through dispatch
// with real inputs on the demo county, carries no 18-digit ID in its answer or its refusal — nor in the files
// it returns. The sample table must cover every channel a clerk may call, so a new channel cannot skip it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from './testing/temp-db';
import { contextFor, type EngineContext } from './context';
import { dispatch } from './dispatch';
import { registry } from './channels';
import { CHANNELS, type Channel } from '../../shared/contract/channels';
import { mayCall } from '../../shared/contract/access';
import { checkCharacter } from '../../shared/domain/id-number';
import type { ApiResult, ChannelOutput, PersonView } from '../../shared/contract/schemas';
import { queryOne } from './testing/store-sql';

const YANHEYING = '130324102000';
const ID_RUN = /(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])/g;
/** Does the text hold a full ID number (18 characters whose check character is right)? */
const FULL_ID = { test: (text: string) => [...text.matchAll(ID_RUN)].some(([run]) => checkCharacter(run.slice(0, 17)) === run[17]) };

/** Every string of an answer, file contents (base64) decoded from their cells. */
async function textsOf(value: unknown, out: string[] = []): Promise<string[]> {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) await textsOf(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'base64' && typeof item === 'string') {
        if (item === '') continue;
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(Buffer.from(item, 'base64') as unknown as ArrayBuffer);
        workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value ?? '')))));
      } else await textsOf(item, out);
    }
  }
  return out;
}

async function peopleWorkbook(rows: (string | number)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('脱贫人口台账');
  sheet.addRow(['序号', '乡镇', '村', '姓名', '身份证号码', '户编号', '与户主关系', '人员类别', '劳动能力', '联系电话']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

describe('masking: a clerk never sees a full ID, through any channel', () => {
  let temp: TempDb;
  let clerk: EngineContext;
  const answers = new Map<Channel, ApiResult<unknown>>();
  const sql = async <T>(query: string, ...params: unknown[]) => (await queryOne(temp.ctx.wdb, query, params)) as T;

  beforeAll(async () => {
    temp = await createTempDb({ demo: true });
    clerk = contextFor(temp.ctx.engine, { username: 'clerk-yhy', role: 'clerk', townships: [YANHEYING] });
    const person = await sql<{ id: number; village_code: string }>('select id, village_code from people where township_code = ? order by id limit 1', YANHEYING);
    const placement = await sql<{ id: number; post_id: number; person_id: number }>(`select pl.id, pl.post_id, pl.person_id from placements pl join posts po on po.id = pl.post_id
      where po.township_code = ? and po.year = 2022 and pl.exit_date is null order by pl.id limit 1`, YANHEYING);
    const training = await sql<{ training_id: number; person_id: number }>(`select t.training_id, t.person_id from trainees t join people p on p.id = t.person_id
      where p.township_code = ? limit 1`, YANHEYING);
    const service = await sql<{ id: number }>('select s.id from services s join people p on p.id = s.person_id where p.township_code = ? limit 1', YANHEYING);
    const village = temp.ctx.townships.find((t) => t.code === YANHEYING)!.villages[0]!;
    const first17 = '13032419800101777';
    const newcomer = [1, '燕河营镇', village.name, '新来的', first17 + checkCharacter(first17), 'T-1', '户主', '脱贫户', '普通劳动力', '13900001111'];

    const call = async (channel: Channel, input: unknown) => {
      const answer = await dispatch(clerk, channel, input);
      answers.set(channel, answer);
      return answer;
    };
    const data = async <K extends Channel>(channel: K, input: unknown) => {
      const answer = await call(channel, input);
      if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`);
      return answer.data as ChannelOutput<K>;
    };

    // Reads first, then writes on the clerk's own records, then the import's whole life.
    for (const channel of ['auth.status', 'app.info', 'divisions.townships', 'people.list', 'payroll.board'] as const) {
      await call(channel, channel === 'payroll.board' ? { year: 2022 } : {});
    }
    const shown = await data('people.get', { id: person.id });
    await call('people.check', { id: person.id, person: withoutView(shown) });
    await call('people.save', { id: person.id, version: shown.version, person: { ...withoutView(shown), remark: '核对过' } });
    await call('people.export', { ids: [person.id] });
    await call('people.matchId', { fragment: '130324' });
    for (const channel of ['employment.ledger', 'employment.checks', 'employment.targets', 'trainings.list', 'posts.summary', 'posts.list', 'placements.list', 'policies.plans'] as const) {
      await call(channel, { year: 2022 });
    }
    await call('employment.save', { year: 2022, personId: placement.person_id, record: { status: '已就业', form: null, destinationProvince: null, destinationCity: null, employer: null, startMonth: null, monthsWorked: null, avgIncomeFen: null, wantsWork: null, reasonNotEmployed: null } });
    await call('services.list', { personId: person.id, year: 2022 });
    await call('services.add', { personId: person.id, date: '2022-05-01', kind: 'guidance', employer: null, post: null, note: null });
    await call('services.delete', { id: service.id });
    await call('trainings.trainees', { trainingId: training.training_id });
    await call('trainings.save', { year: 2022, name: '面点师培训', trade: '面点', startDate: '2022-09-01', endDate: '2022-09-10', place: '县职教中心', organiser: '县人社局' });
    await call('trainings.enrol', { trainingId: training.training_id, personIds: [person.id], idNumbers: [] });
    await call('trainings.setTrainee', { trainingId: training.training_id, personId: training.person_id, completed: true, certificate: 'Z-1' });
    await call('trainings.unenrol', { trainingId: training.training_id, personId: person.id });
    for (const channel of ['payroll.month', 'payroll.compute'] as const) await call(channel, { month: '2022-07' });
    await call('reports.settings', {});
    await call('reports.summary', { month: '2022-07' });
    await call('payroll.setAttendance', { month: '2022-07', entries: [{ placementId: placement.id, attendedDays: 20 }] });
    await call('payroll.addAdjustment', { month: '2022-07', placementId: placement.id, kind: '补发', amountFen: 100, correctsMonth: '2022-06', reason: '核对' });
    await call('payroll.transition', { month: '2022-07', townshipCode: YANHEYING, action: 'submit' });
    await call('posts.create', { year: 2022, villageCode: village.code, postType: '保洁' });
    await call('posts.history', { postId: placement.post_id });
    await call('payments.personHistory', { personId: person.id });
    await call('placements.check', { personId: person.id, postId: placement.post_id, startDate: '2022-08-01' });
    await call('placements.place', { personId: person.id, postId: placement.post_id, startDate: '2022-08-01', confirmWarnings: true });
    await call('placements.exit', { placementId: placement.id, exitDate: '2022-08-31', reason: '自愿退出' });
    const { token } = await data('import.open', { fileName: '燕河营镇.xlsx', base64: await peopleWorkbook([newcomer]), kind: 'people' });
    await call('import.preview', { token, kind: 'people' });
    await call('import.errorReport', { token, kind: 'people' });
    const { summary } = await data('import.commit', { token, kind: 'people' });
    await call('import.batches', {});
    await call('import.compare', { batchId: summary.batchId! });
    await call('import.undo', { batchId: summary.batchId! });
    // Refused (this clerk has no stored password), but answered: it carries no ID either.
    await call('auth.changePassword', { oldPassword: 'not-it', password: 'Yhy12345new' });
    await call('auth.logout', {});
  }, 120_000);
  afterAll(async () => { await temp.cleanup(); });

  it('has an answer for every channel a clerk may call (none refused for its input)', () => {
    const callable = CHANNELS.filter((c) => mayCall('clerk', registry[c].access) && !['auth.setup', 'auth.login'].includes(c));
    expect(callable.filter((c) => !answers.has(c))).toEqual([]);
    const invalid = [...answers].filter(([, a]) => !a.ok && a.error.code === 'VALIDATION' && !('details' in a.error)).map(([c, a]) => `${c}: ${!a.ok && a.error.message}`);
    expect(invalid).toEqual([]);
  });

  it('shows no full ID number in any answer, refusal or returned file', async () => {
    const leaks: string[] = [];
    for (const [channel, answer] of answers) {
      // The one file that keeps what it was given: the rejected rows of the clerk's own upload, returned as the
      // township sent them so it can correct and resend them (its answer's other fields are still checked).
      const scanned = channel === 'import.errorReport' && answer.ok ? { ...(answer.data as object), base64: '' } : answer;
      for (const text of await textsOf(scanned)) if (FULL_ID.test(text)) leaks.push(`${channel}: ${text.slice(0, 80)}`);
    }
    expect(leaks).toEqual([]);
    // The numbers are there, masked: the test would see them.
    expect(JSON.stringify(answers.get('people.list'))).toMatch(/130324\*{8}\d{3}[\dX]/);
  });

  it('lets a clerk save a person whose numbers the form showed masked, keeping the stored numbers', async () => {
    expect(answers.get('people.save')).toMatchObject({ ok: true, data: { person: { remark: '核对过' } } });
    const id = (answers.get('people.get') as { data: PersonView }).data.id;
    const stored = await sql<{ id_number: string; remark: string }>('select id_number, remark from people where id = ?', id);
    expect(stored.id_number).toMatch(/^\d{17}[\dX]$/);
    expect(stored.remark).toBe('核对过');
    // Nothing shown masked was written back masked (a household number is not a card, an ID stays whole).
    const masked = await sql<{ n: number }>("select count(*) n from people where id_number like '%*%' or card_number like '%*%' or household_no like '%*%' or remark like '%*%'");
    expect(masked.n).toBe(0);
  });

  it('gives an administrator the full numbers only on a channel registered to reveal them', async () => {
    const admin = contextFor(temp.ctx.engine, { username: 'admin', role: 'admin', townships: null });
    const id = (answers.get('people.get') as { data: PersonView }).data.id;
    const full = await dispatch(admin, 'people.get', { id });
    expect(full.ok && (full.data as PersonView).idNumber).toMatch(/^\d{17}[\dX]$/);
    const ledger = await dispatch(admin, 'employment.ledger', { year: 2022 });
    expect(FULL_ID.test(JSON.stringify(ledger))).toBe(false);
    expect(Object.entries(registry).filter(([, r]) => 'reveals' in r).map(([c]) => c).sort()).toEqual(['people.get', 'people.reveal']);
  });
});

function withoutView(p: PersonView) {
  const { idNumber, name, phone, townshipCode, villageCode, householdNo, relation, category, labourAbility, cardNumber, bank, remark } = p;
  return { idNumber, name, phone, townshipCode, villageCode, householdNo, relation, category, labourAbility, cardNumber, bank, remark };
}
