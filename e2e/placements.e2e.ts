// 公益岗位与上岗安置 end to end on the demo county: an administrator raises the 2022 plan, a post is added,
// a person is placed, refused a second placement with the reason, ends the placement; a replacement is
// placed on the same post; the post's history shows both; R3 and its 公示 version are exported and read.
import path from 'node:path';
import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, launchBrowser, login, newPage, screenshot, startWorkbench, type RunningWorkbench } from './support/workbench';
import { PolicySettings, PostsPage } from './pages/posts-page';
import { PlacementsPage } from './pages/placements-page';
import { villageDisplayName } from '../shared/domain/division';

interface Candidate { id: number; name: string; id_number: string; village_code: string; village_name: string; household_no: string }

const LULONG = '卢龙镇';

describe('公益岗位与上岗安置 in the browser', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  let page: Page;
  let placements: PlacementsPage;
  let first: Candidate;
  let second: Candidate;
  let village: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await startWorkbench({ demo: true });
    // Two able people of one village of 卢龙镇, in households with nobody on a 2022 post, with names unique in
    // the county (so a search finds exactly them).
    const db = new Database(workbench.db, { readonly: true });
    const candidates = db.prepare(`select p.id, p.name, p.id_number, p.village_code, d.name village_name, p.household_no from people p join divisions d on d.code = p.village_code
      where p.township_code = '130324100000' and p.category = '脱贫户' and p.labour_ability in ('普通劳动力', '技能劳动力')
        and p.birth_date between '1965-01-01' and '1995-12-31'
        and (select count(*) from people q where q.name = p.name) = 1
        and not exists (select 1 from people h join placements pl on pl.person_id = h.id join posts po on po.id = pl.post_id where h.household_no = p.household_no and po.year = 2022)
      order by p.village_code, p.id`).all() as Candidate[];
    db.close();
    first = candidates.find((c) => candidates.some((o) => o.village_code === c.village_code && o.household_no !== c.household_no))!;
    second = candidates.find((c) => c.village_code === first.village_code && c.household_no !== first.household_no)!;
    village = villageDisplayName(first.village_name);
    browser = await launchBrowser();
    page = await newPage(browser, pageErrors);
    placements = new PlacementsPage(page);
    await login(page, workbench.url, ADMIN);
  });

  afterEach(async (context) => {
    // What the screen showed when a step failed: the first thing to look at.
    if (context.task.result?.state === 'fail' && page) await screenshot(page, `failed-${context.task.name.slice(0, 40)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await workbench?.stop();
    expect(pageErrors).toEqual([]);
  });

  it('shows the demo county\'s 2022 posts: 2,434 planned, developed and filled', async () => {
    const posts = new PostsPage(page);
    await posts.open();
    expect(await posts.summaryOf('county')).toEqual({ plan: '2434', developed: 2434, filled: 2434, vacant: 0 });
    await screenshot(page, 'posts-summary-demo');
  });

  it('lets the administrator raise the 2022 plan in 年度政策, for the county and 卢龙镇', async () => {
    const settings = new PolicySettings(page);
    await settings.open();
    await settings.chooseYear(2022);
    await expect.poll(() => settings.field('subsidy').inputValue(), { timeout: 10_000 }).toBe('650.00');
    const lulong = Number(await settings.townshipPlan(LULONG).inputValue());
    await settings.field('plannedPosts').fill('2436');
    await settings.townshipPlan(LULONG).fill(String(lulong + 2));
    await settings.field('agreementMonths').fill('11');
    await expect.poll(() => page.getByTestId('policy-problems').textContent(), { timeout: 10_000 }).toContain('协议期应为1到10个月');
    await settings.field('agreementMonths').fill('10');
    await screenshot(page, 'settings-policy-editor');
    expect(await settings.save()).toContain('已保存2022年度政策');
  });

  it('adds two posts in a village of 卢龙镇 within the raised plan, and refuses a third', async () => {
    const posts = new PostsPage(page);
    await posts.open();
    const before = await posts.summaryOf(LULONG);
    expect(await posts.addPost(LULONG, village, '保洁')).toContain(`已新增岗位：${LULONG}${village} · 保洁`);
    expect(await posts.addPost(LULONG, village, '护林')).toContain('护林');
    await page.waitForFunction((n) => document.querySelector('[data-testid=summary-county] td:nth-child(3)')?.textContent === n, (2436).toLocaleString('en-US'));
    expect(await posts.summaryOf(LULONG)).toMatchObject({ developed: before.developed + 2, vacant: 2 });
    const refused = await posts.addPost(LULONG, village, '保洁');
    expect(refused).toContain('不能再增加');
    await screenshot(page, 'posts-added');
  });

  it('places a person, checking and explaining every rule', async () => {
    await placements.open();
    await placements.fillPlacement({ person: first.id_number, postLabel: new RegExp(`${village} · 保洁`), startDate: '2022-07-01' });
    const checks = await placements.checks();
    expect(checks.map((c) => c.outcome)).toEqual(Array(checks.length).fill('pass'));
    expect(checks.map((c) => c.text).join('|')).toContain('协议期2022-07-01至2022-12-31');
    await screenshot(page, 'place-dialog-checks');
    const message = await placements.confirmAndSave();
    expect(message).toContain(`已上岗：${first.name}`);
    expect(message).toContain('月补贴650.00元');
  });

  it('refuses to place the same person twice, with the reason', async () => {
    await placements.fillPlacement({ person: first.id_number, postLabel: new RegExp(`${village} · 护林`), startDate: '2022-08-01' });
    const refusal = (await placements.checks()).find((c) => c.outcome === 'refuse');
    expect(refusal?.text).toContain('一人一岗');
    expect(refusal?.text).toContain('此人已在公益岗位上岗，一人只能占一个岗位');
    await expect(page.getByTestId('place-refused').textContent()).resolves.toContain('一人只能占一个岗位');
    await expect.poll(() => page.getByTestId('place-save').isDisabled(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, 'place-dialog-refused');
    await placements.cancelDialog();
  });

  it('ends the placement on the last day of a month and places a replacement from the next day', async () => {
    await placements.select(first.name);
    expect(await placements.exit('2022-09-30', '外出务工')).toContain('2022-10-01起空缺');
    await placements.fillPlacement({ person: second.id_number, startDate: '2022-10-01', replace: true });
    await expect(page.getByTestId('place-dialog').locator('h2').textContent()).resolves.toBe(`补岗：接替${first.name}`);
    expect((await placements.checks()).every((c) => c.outcome === 'pass')).toBe(true);
    expect(await placements.confirmAndSave()).toContain(`已补岗：${second.name}`);
  });

  it('shows the post\'s history: the first holder, the exit, the replacement', async () => {
    await placements.select(second.name);
    const entries = await placements.history();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain(first.name);
    expect(entries[0]).toContain('2022-07-01 上岗');
    expect(entries[0]).toContain('2022-09-30 退岗（外出务工）');
    expect(entries[1]).toContain(second.name);
    expect(entries[1]).toContain(`2022-10-01 上岗（补岗，接替${first.name}）`);
    await screenshot(page, 'post-history');
    const db = new Database(workbench.db, { readonly: true });
    const rows = db.prepare('select person_id, replaces_placement_id, exit_date from placements where person_id in (?, ?) order by id').all(first.id, second.id) as { replaces_placement_id: number | null; exit_date: string | null }[];
    const audit = db.prepare("select action from audit_log where entity = 'placement' order by id").all() as { action: string }[];
    db.close();
    expect(rows).toHaveLength(2);
    expect(rows[0]!.exit_date).toBe('2022-09-30');
    expect(rows[1]!.replaces_placement_id).not.toBeNull();
    expect(audit.map((a) => a.action)).toEqual(['place', 'exit', 'replace']);
  });

  async function readDownload(month: string, version: 'full' | 'public'): Promise<{ name: string; rows: unknown[][] }> {
    const download = await placements.exportR3(month, version);
    const file = path.join(workbench.dir, download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const rows: unknown[][] = [];
    // Every sheet: the 公示 roster has one per township.
    for (const sheet of workbook.worksheets) sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { name: download.suggestedFilename(), rows };
  }

  it('exports R3 for September with the person who left, and the 公示 version for October with the replacement', async () => {
    const september = await readDownload('2022-09', 'full');
    expect(september.name).toBe('卢龙县_R3_乡村公益性岗位人员花名册_2022年9月.xlsx');
    expect(september.rows[0]![0]).toBe('2022年9月卢龙县乡村公益性岗位人员花名册');
    const leaver = september.rows.find((r) => r[3] === first.name)!;
    expect(leaver[5]).toBe(first.id_number);
    expect(leaver[13]).toBe(650);
    // The bureau's own roster keeps the reason; the 公示 version below never shows one.
    expect(leaver[16]).toBe('2022-09-30退岗（外出务工）');
    const total = september.rows.find((r) => r[1] === '合计')!;
    expect(total[3]).toBe(2435); // a count, as a number (shown as 2,435人)
    await expect.poll(() => placements.message().textContent(), { timeout: 10_000 }).toContain('2435人');

    const october = await readDownload('2022-10', 'public');
    expect(october.name).toBe('卢龙县_公示_乡村公益性岗位人员公示名单_2022年10月.xlsx');
    const header = [...october.rows[2]!, ...october.rows[3]!];
    expect(header).not.toContain('联系电话');
    expect(header).not.toContain('社保卡号/银行卡号');
    expect(header).not.toContain('备注');
    const replacement = october.rows.find((r) => r[2] === second.name)!;
    expect(replacement[4]).toBe(`${second.id_number.slice(0, 6)}********${second.id_number.slice(14)}`);
    expect(october.rows.some((r) => r[2] === first.name)).toBe(false);
    const texts = october.rows.flat().filter((v): v is string => typeof v === 'string');
    expect(texts.some((v) => /\d{16,19}/.test(v) || v.includes('接替') || v.includes('补岗') || v.includes('退岗'))).toBe(false);
    await screenshot(page, 'placements-after-export');
  });
});
