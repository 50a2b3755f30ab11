// Every report of the demo county as a clerk gets it (`workbench report all`), opened by LibreOffice headless
// and converted, and the figures read back from what LibreOffice shows: the bank list's count and total are
// R4's 本次代发, R2's 实发 is R4's and splits into bank-confirmed + 已报送未回盘 + 发放失败 + 未发送及暂缓 on
// every row (2022-06 approved and not sent; 2022-05 returned with failures), township rows add up to the county row, the 公示 roster holds no
// full ID, phone, card number or exit reason, and R1 for 2022-12 shows 4,019 against 3,946 = 101.85%.
// R2, R4, the bank list and the 公示 roster are rendered to PNG (test-results/reports/) to be looked at.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTempDb, type TempDb } from '../testing/temp-db';
import { main } from '../../cli/cli';
import { formatYuan } from '../../../shared/domain/money';
import type { ReportFigures } from '../../../shared/domain/reports/catalogue';

type Written = { files: string[]; reports: (ReportFigures & { file: string })[] };

/** Runs the CLI in process and returns its --json output. */
async function workbench(...args: string[]): Promise<{ code: number; json: unknown }> {
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => { printed.push(line); });
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const code = await main([...args, '--json']);
    return { code, json: JSON.parse(printed.join('\n')) };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** Converts every sheet of every workbook to CSV in one LibreOffice run (a private profile). */
function convertAllSheets(files: readonly string[]): string {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-csv-'));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
  try {
    // 44,34,76: comma, quote, UTF-8; …,-1: one file per sheet (file-Sheet.csv); "as shown" formatting.
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', outDir, ...files], { stdio: 'pipe', timeout: 120_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return outDir;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (ch !== '\r') cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** "1,516,479.39" → 151647939 fen; "2,400人" → 2400. */
const fen = (shown: string) => Math.round(Number(shown.replace(/[,人]/g, '')) * 100);
const count = (shown: string) => Number(shown.replace(/[,人]/g, ''));

describe('every demo report, opened by LibreOffice', () => {
  let temp: TempDb;
  let written: Written;
  let csvDir: string;
  let mayR2 = '';
  const sheets = new Map<string, string[][]>();
  const artifacts = path.resolve('test-results', 'reports');

  /** The sheet of a report (by its file's code, e.g. _R4_) and tab name, as LibreOffice shows it. */
  const sheet = (code: string, tab: string) => {
    const key = [...sheets.keys()].find((k) => k.includes(`_${code}_`) && k.endsWith(`-${tab}.csv`));
    if (!key) throw new Error(`no sheet ${code}/${tab} among ${[...sheets.keys()].join(', ')}`);
    return sheets.get(key)!;
  };
  const figures = (report: string) => written.reports.find((r) => r.report === report)!;
  const rowOf = (rows: string[][], label: string) => rows.find((r) => r[1] === label)!;

  beforeAll(async () => {
    temp = await createTempDb({ demo: true });
    const out = path.join(temp.dir, 'out');
    const run = await workbench('report', 'all', '--db', temp.file, '--month', '2022-06', '--out', out);
    expect(run.code).toBe(0);
    written = run.json as Written;
    csvDir = convertAllSheets(written.files);
    for (const name of fs.readdirSync(csvDir)) sheets.set(name, parseCsv(fs.readFileSync(path.join(csvDir, name), 'utf8')));
  }, 180_000);
  afterAll(async () => {
    if (csvDir) fs.rmSync(csvDir, { recursive: true, force: true });
    await temp?.cleanup();
  });

  it('writes all seven reports, each named with county, report and period', () => {
    expect(written.files.map((f) => path.basename(f))).toEqual([
      '卢龙县_R1_脱贫劳动力就业情况月报表_2022年6月.xlsx', '卢龙县_R2_乡村公益性岗位开发安置情况月报表_2022年6月.xlsx',
      '卢龙县_R3_乡村公益性岗位人员花名册_2022年6月.xlsx', '卢龙县_R4_乡村公益性岗位补贴发放明细表_2022年6月.xlsx',
      '卢龙县_R5_131就业服务与技能培训情况表_2022年6月.xlsx', '卢龙县_公示_乡村公益性岗位人员公示名单_2022年6月.xlsx',
      '卢龙县_代发_乡村公益性岗位补贴银行代发清单_2022年6月.xlsx',
    ]);
    expect(figures('R4')).toMatchObject({ lines: 2434, totalFen: 152_037_939, transferFen: 151_647_939, withheldFen: 390_000, withheldLines: 6 });
    expect(figures('BANK')).toMatchObject({ totalFen: 151_647_939 });
  });

  it('R4: 实发 = 本次代发 + 暂缓发放 on every line, every held-back line says why, township sheets add up to the summary', () => {
    const summary = sheet('R4', '汇总');
    expect(summary[0]![0]).toBe('2022年6月卢龙县乡村公益性岗位补贴发放明细表（汇总）');
    const total = rowOf(summary, '合计');
    // 序号 乡镇 状态 人数 应发 扣减 补发/扣回 实发 代发人数 代发金额 暂缓人数 暂缓金额
    expect(fen(total[7]!)).toBe(figures('R4').totalFen);
    expect(fen(total[9]!)).toBe(figures('R4').transferFen);
    expect(fen(total[11]!)).toBe(figures('R4').withheldFen);
    const townships = summary.filter((r) => /^\d+$/.test(r[0] ?? ''));
    expect(townships).toHaveLength(12);
    for (const column of [3, 8, 10]) expect(townships.reduce((n, r) => n + count(r[column]!), 0)).toBe(count(total[column]!));
    for (const column of [4, 5, 6, 7, 9, 11]) expect(townships.reduce((n, r) => n + fen(r[column]!), 0)).toBe(fen(total[column]!));
    let held = 0;
    for (const township of townships) {
      const rows = sheet('R4', township[1]!);
      const lines = rows.filter((r) => /^\d+$/.test(r[0] ?? ''));
      // 序号 村 姓名 身份证号 卡号 出勤 应发 扣减 补发/扣回 实发 本次代发 暂缓发放 签字 备注
      for (const line of lines) {
        expect(fen(line[9]!)).toBe(fen(line[10]!) + fen(line[11]!));
        if (fen(line[11]!) > 0 || fen(line[9]!) === 0) expect(line[13]).not.toBe('');
        if (fen(line[11]!) > 0) held += 1;
      }
      const sheetTotal = rowOf(rows, '合计');
      expect(count(sheetTotal[2]!)).toBe(lines.length);
      expect(fen(sheetTotal[9]!)).toBe(fen(township[7]!));
      expect(fen(sheetTotal[10]!)).toBe(fen(township[9]!));
    }
    expect(held).toBe(figures('R4').withheldLines);
    expect(sheets.size).toBeGreaterThan(0);
    expect([...sheets].filter(([k]) => k.includes('_R4_')).some(([, rows]) => rows.some((r) => r[13] === '缺少卡号，暂缓发放'))).toBe(true);
  });

  it('the bank list: count and total at its foot equal R4’s 本次代发', () => {
    const rows = sheet('代发', '代发清单');
    const lines = rows.filter((r) => /^\d+$/.test(r[0] ?? ''));
    const total = rowOf(rows, '合计');
    const r4Total = rowOf(sheet('R4', '汇总'), '合计');
    expect(lines).toHaveLength(count(r4Total[8]!));
    expect(count(total[3]!)).toBe(lines.length);
    expect(fen(total[6]!)).toBe(figures('R4').transferFen);
    expect(lines.reduce((n, r) => n + fen(r[6]!), 0)).toBe(figures('R4').transferFen);
    expect(lines.every((r) => /^\d{16,19}$/.test(r[5]!))).toBe(true);
    expect(rows.flat().join('\n')).toContain(`合计${lines.length}人，金额（大写）：壹佰伍拾壹万陆仟肆佰柒拾玖元叁角玖分`);
  });

  // R2: 序号 乡镇 计划 已开发 在岗 65岁以上 新增 退出 | 实发 银行确认人数 银行确认 已报送未回盘 发放失败 未发送及暂缓 | 本年累计银行确认
  const checkR2 = (rows: string[][]) => {
    const total = rowOf(rows, '合计');
    const townships = rows.filter((r) => /^\d+$/.test(r[0] ?? ''));
    expect(townships).toHaveLength(12);
    for (const column of [2, 3, 4, 5, 6, 7, 9]) expect(townships.reduce((n, r) => n + count(r[column]!), 0)).toBe(count(total[column]!));
    for (const column of [8, 10, 11, 12, 13, 14]) expect(townships.reduce((n, r) => n + fen(r[column]!), 0)).toBe(fen(total[column]!));
    // Every row's 实发 is confirmed + with the bank unanswered + failed + not with the bank.
    for (const row of [...townships, total]) expect(fen(row[10]!) + fen(row[11]!) + fen(row[12]!) + fen(row[13]!), row[1]).toBe(fen(row[8]!));
    return total;
  };

  it('R2 2022-06 (approved, not yet sent): 实发 = R4 实发, nothing counted as paid this month, 本年累计 only what the bank confirmed', () => {
    const total = checkR2(sheet('R2', 'R2'));
    expect(fen(total[8]!)).toBe(figures('R4').totalFen);
    expect([fen(total[10]!), fen(total[11]!), fen(total[12]!)]).toEqual([0, 0, 0]);
    expect(count(total[9]!)).toBe(0);
    expect(fen(total[13]!)).toBe(figures('R4').totalFen);
    expect(figures('R2')).toMatchObject({ totalFen: figures('R4').totalFen, confirmedFen: 0, awaitingFen: 0, failedFen: 0, unsentFen: figures('R4').totalFen });
    expect(fen(total[14]!)).toBeGreaterThan(0);
  });

  it('R2 2022-05 (returned with failures): confirmed + failed = R4 本次代发, the rest is R4 暂缓; 本年累计 grows by what was confirmed', async () => {
    const run = await workbench('report', 'R2', '--db', temp.file, '--month', '2022-05', '--out', path.join(temp.dir, 'may'));
    const r4 = await workbench('report', 'R4', '--db', temp.file, '--month', '2022-05', '--out', path.join(temp.dir, 'may'));
    expect([run.code, r4.code]).toEqual([0, 0]);
    const may = (r4.json as Written).reports[0]!;
    mayR2 = (run.json as Written).files[0]!;
    const outDir = convertAllSheets([mayR2]);
    try {
      const total = checkR2(parseCsv(fs.readFileSync(path.join(outDir, fs.readdirSync(outDir)[0]!), 'utf8')));
      expect(fen(total[8]!)).toBe(may.totalFen);
      expect(fen(total[12]!)).toBeGreaterThan(0);
      expect(fen(total[10]!) + fen(total[12]!)).toBe(may.transferFen);
      expect(fen(total[11]!)).toBe(0);
      expect(fen(total[13]!)).toBe(may.withheldFen);
      // June's 本年累计 is May's: nothing of June is confirmed yet.
      expect(fen(total[14]!)).toBe(fen(rowOf(sheet('R2', 'R2'), '合计')[14]!));
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('R1 and R5: township rows add up to the county row', () => {
    for (const [code, tab] of [['R1', 'R1就业情况'], ['R5', 'R5服务与培训']] as const) {
      const rows = sheet(code, tab);
      const total = rowOf(rows, '合计');
      const townships = rows.filter((r) => /^\d+$/.test(r[0] ?? ''));
      expect(townships).toHaveLength(12);
      for (let column = 2; column < total.length; column++) {
        if (!/^[\d,]+$/.test(total[column] ?? '')) continue; // rates and targets are not sums
        if (code === 'R1' && column === 12) continue; // 目标任务: the county's own, from the year policy
        expect(townships.reduce((n, r) => n + count(r[column]!), 0), `${code} column ${column}`).toBe(count(total[column]!));
      }
    }
  });

  it('the 公示 roster: one sheet per township, masked IDs only, no phone, card number, exit reason or predecessor', () => {
    const keys = [...sheets.keys()].filter((k) => k.includes('_公示_'));
    expect(keys).toHaveLength(12);
    let people = 0;
    for (const key of keys) {
      const rows = sheets.get(key)!;
      const text = rows.flat().join('\n');
      expect(text).not.toMatch(/\d{17}[\dXx]/);
      expect(text).not.toMatch(/(^|\D)1\d{10}(\D|$)/);
      expect(text).not.toMatch(/\d{16,19}/);
      for (const word of ['退岗', '死亡', '考核不合格', '不再符合条件', '本人申请', '外出务工', '接替', '补岗']) expect(text).not.toContain(word);
      const lines = rows.filter((r) => /^\d+$/.test(r[0] ?? ''));
      for (const line of lines) expect(line[4]).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      people += lines.length;
      expect(text).toMatch(/公示期：\d{4}年\d+月\d+日至\d{4}年\d+月\d+日（共7天）/);
      expect(text).toContain('监督电话');
    }
    expect(people).toBe(2434);
  });

  it('R1 for 2022-12 is the ledger on 31 December: 4,019 employed against 3,946 = 101.85%', async () => {
    const run = await workbench('report', 'R1', '--db', temp.file, '--month', '2022-12', '--out', path.join(temp.dir, 'dec'));
    expect(run.code).toBe(0);
    const dec = (run.json as Written);
    expect(dec.reports[0]).toMatchObject({ report: 'R1', employed: 4019, target: 3946, completionRate: 10185 });
    const outDir = convertAllSheets(dec.files);
    try {
      const rows = parseCsv(fs.readFileSync(path.join(outDir, fs.readdirSync(outDir)[0]!), 'utf8'));
      const total = rowOf(rows, '合计');
      expect(total).toContain('4,019');
      expect(total).toContain('3,946');
      expect(total).toContain('101.85%');
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('renders R2, R4, the bank list and the 公示 roster to PDF (A4, fitted to one page wide) and PNG', () => {
    fs.mkdirSync(artifacts, { recursive: true });
    const pdfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-pdf-'));
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
    try {
      const files = [...written.files.filter((f) => /_(R2|R4|代发|公示)_/.test(f)), mayR2].filter(Boolean);
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, ...files], { stdio: 'pipe', timeout: 120_000 });
      for (const [code, name, month] of [['R2', 'R2', '2022-06'], ['R2', 'R2', '2022-05'], ['R4', 'R4', '2022-06'], ['代发', 'bank-list', '2022-06'], ['公示', 'public-roster', '2022-06']] as const) {
        const pdf = path.join(pdfDir, fs.readdirSync(pdfDir).find((f) => f.includes(`_${code}_`) && f.includes(`${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`))!);
        const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
        expect(info).toMatch(/\(A4\)/);
        // One page wide: every column of the widest sheet is on the page with its first column.
        const page = execFileSync('pdftotext', ['-f', code === 'R4' ? '2' : '1', '-l', code === 'R4' ? '2' : '1', '-layout', pdf, '-'], { encoding: 'utf8' });
        const [first, last] = { R2: ['序号', '本年累计'], R4: ['序号', '备注'], 代发: ['序号', '金额'], 公示: ['序号', '月补贴标准'] }[code];
        expect(page).toContain(first);
        expect(page).toContain(last);
        expect(page).toContain('第 ');
        execFileSync('pdftoppm', ['-png', '-r', '80', '-f', code === 'R4' ? '1' : '1', '-l', code === 'R4' ? '2' : '1', pdf, path.join(artifacts, `${name}-${month}`)]);
      }
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
      fs.rmSync(pdfDir, { recursive: true, force: true });
    }
    expect(fs.readdirSync(artifacts).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(5);
  }, 180_000);

  it('refuses a month that makes no sense with exit 2 and a coded message, and writes nothing', async () => {
    const out = path.join(temp.dir, 'refused');
    for (const [month, code] of [['1899-01', 'REPORT_PERIOD_BEFORE_FIRST'], ['2023-01', 'REPORT_PERIOD_NO_POLICY']] as const) {
      const run = await workbench('report', 'all', '--db', temp.file, '--month', month, '--out', out);
      expect(run.code).toBe(2);
      expect((run.json as { error: { code: string } }).error.code).toBe(code);
    }
    const future = await workbench('report', 'R4', '--db', temp.file, '--month', '2999-01', '--out', out);
    expect(future.code).toBe(2);
    expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
    const file = path.join(temp.dir, 'a-file');
    fs.writeFileSync(file, '');
    const notFolder = await workbench('report', 'R2', '--db', temp.file, '--month', '2022-06', '--out', file);
    expect(notFolder).toMatchObject({ code: 2, json: { error: { code: 'OUT_NOT_FOLDER' } } });
    const under = await workbench('report', 'R2', '--db', temp.file, '--month', '2022-06', '--out', path.join(file, 'sub'));
    expect(under).toMatchObject({ code: 2, json: { error: { code: 'OUT_NOT_WRITABLE' } } });
  });

  it('prints money as LibreOffice shows it: #,##0.00', () => {
    expect(rowOf(sheet('R4', '汇总'), '合计')[9]).toBe(formatYuan(figures('R4').transferFen!));
  });
});
