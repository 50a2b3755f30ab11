// Benchmark of the township import (SPEC §7): 10,000 and 100,000-row × 20-column files with realistic
// Chinese content; dry run and commit beside two baselines measured in the same run — exceljs's streaming
// reader reading the same file, and a raw better-sqlite3 insert of the same rows. Every measurement runs
// in its own child process, so its peak RSS is its own. Figures are printed, never asserted.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { checkCharacter } from '../shared/domain/id-number';
import { passesLuhn } from '../shared/domain/person';
import { loadCounty } from '../electron/backend/divisions/catalogue';
import { importStepCommand } from './step-bundle';

const HEADER = ['序号', '乡镇', '村', '姓名', '身份证号码', '性别', '出生日期', '户编号', '与户主关系', '人员类别', '劳动能力', '联系电话', '社保卡号', '开户银行', '文化程度', '务工地点', '务工单位', '年收入（元）', '帮扶责任人', '备注'];
const SURNAMES = '王李张刘杨赵孙高陈马郭周吴徐韩于冯董田付白齐崔曹邢常肖宋谷佟';
const GIVEN = '国建志军海明永春立文德福宝振树庆长玉金学秀兰凤英华芳桂淑珍霞梅丽燕红艳敏静娟';
const RELATIONS = ['户主', '配偶', '之子', '之女', '之儿媳', '之孙子'];
const CATEGORIES = ['脱贫户', '脱贫户', '脱贫户', '防返贫监测对象', '低保'];
const LABOUR = ['普通劳动力', '普通劳动力', '技能劳动力', '弱劳动力或半劳动力', '丧失劳动力'];
const BANKS = ['河北省农村信用社', '中国邮政储蓄银行', '中国农业银行'];
const EDUCATION = ['小学', '初中', '高中', '中专', '文盲或半文盲'];
const PLACES = ['县内', '秦皇岛市', '唐山市', '北京市', '天津市'];

/** Deterministic rows of a township ledger (every ID and card valid). */
export function benchRows(count: number): (string | number)[][] {
  const county = loadCounty('130324');
  const villages = county.townships.flatMap((t) => t.villages.map((v) => [t.name, v.name] as const));
  let seed = 130324;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const rows: (string | number)[][] = [];
  for (let i = 0; i < count; i++) {
    const [township, village] = villages[i % villages.length]!;
    // A distinct birth date per block of 1,000 sequence numbers keeps every ID unique.
    const born = new Date(Date.UTC(1950, 0, 1) + (Math.floor(i / 1000) * 163 + rnd(100)) % 20000 * 86_400_000);
    const year = born.getUTCFullYear(), month = born.getUTCMonth() + 1, day = born.getUTCDate();
    const first17 = `130324${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
    const id = first17 + checkCharacter(first17);
    let card = `623193${String(100000000000 + i)}`;
    for (let d = 0; d <= 9; d++) if (passesLuhn(card + d)) { card += d; break; }
    rows.push([
      i + 1, township, village, SURNAMES[rnd(SURNAMES.length)]! + GIVEN[rnd(GIVEN.length)]! + GIVEN[rnd(GIVEN.length)]!, id,
      Number(id[16]) % 2 ? '男' : '女', `${year}-${month}-${day}`, `H${String(Math.floor(i / 3)).padStart(7, '0')}`, RELATIONS[i % 3]!,
      CATEGORIES[rnd(CATEGORIES.length)]!, LABOUR[rnd(LABOUR.length)]!, `13${String(100000000 + rnd(899999999))}`, card, BANKS[rnd(BANKS.length)]!,
      EDUCATION[rnd(EDUCATION.length)]!, PLACES[rnd(PLACES.length)]!, rnd(3) ? '卢龙县某农业合作社' : '', 12000 + rnd(30000), `帮扶干部${rnd(50)}`, '',
    ]);
  }
  return rows;
}

export async function writeTownshipFile(file: string, count: number): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const sheet = writer.addWorksheet('脱贫人口台账');
  sheet.addRow(['卢龙县脱贫人口基本信息台账（2022年）']).commit();
  sheet.addRow(HEADER).commit();
  for (const row of benchRows(count)) sheet.addRow(row).commit();
  await writer.commit();
}

/** The same ledger as .xls (BIFF8, written by SheetJS) — what an Excel 97–2003 or WPS township sends. */
export function writeXlsFile(file: string, count: number): void {
  const sheet = XLSX.utils.aoa_to_sheet([['卢龙县脱贫人口基本信息台账（2022年）'], HEADER, ...benchRows(count).map((r) => r.map(String))]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '脱贫人口台账');
  fs.writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
}

/** The same ledger as CSV in GBK, as Excel on Chinese Windows saves "CSV (逗号分隔)". */
export function writeGbkCsvFile(file: string, count: number): void {
  const quote = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = [['卢龙县脱贫人口基本信息台账（2022年）'], HEADER, ...benchRows(count)].map((r) => r.map(quote).join(','));
  fs.writeFileSync(file, iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'));
}

/**
 * A city template with a drop-down list and a style on whole columns (1,048,576 rows each), and 200 rows
 * filled in: the shape that makes exceljs crawl (exceljs issue #1283).
 */
export async function writeWholeColumnTemplate(file: string, count: number): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('脱贫人口台账');
  sheet.addRow(['卢龙县脱贫人口基本信息台账（2022年）']);
  sheet.addRow(HEADER);
  for (const row of benchRows(count)) sheet.addRow(row);
  for (const column of [10, 11]) {
    sheet.getColumn(column).style = { font: { name: '宋体' }, alignment: { horizontal: 'center' } };
  }
  const lists: Record<string, string> = { J: '"脱贫户,防返贫监测对象,低保,特困"', K: '"普通劳动力,技能劳动力,弱劳动力或半劳动力,丧失劳动力,无劳动力"', F: '"男,女"' };
  const validations = sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } };
  for (const [letter, formula] of Object.entries(lists)) validations.dataValidations.add(`${letter}3:${letter}1048576`, { type: 'list', allowBlank: true, formulae: [formula] });
  validations.dataValidations.add('E3:E1048576', { type: 'textLength', operator: 'equal', allowBlank: true, formulae: [18] });
  await workbook.xlsx.writeFile(file);
}

/** Wall time, and CPU time (user + system) of the measured step: on a shared machine the CPU time is the steadier figure. */
interface Measurement { ms: number; cpuMs?: number; mainCpuMs?: number; rssMb: number; detail?: string }

function measure(step: string, file: string, db: string, count: number): Measurement {
  const { args, env } = importStepCommand();
  const out = execFileSync(process.execPath, [...args, step, file, db, String(count)], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop()!) as Measurement;
}

export async function benchImport(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-bench-'));
  const template = path.join(dir, 'template.sqlite');
  execFileSync(process.execPath, [path.join(__dirname, '..', 'bin', 'workbench.cjs'), 'init', '--db', template], { stdio: 'ignore' });
  const freshDb = (name: string) => { const file = path.join(dir, `${name}.sqlite`); fs.copyFileSync(template, file); return file; };
  console.log('\n== import (SPEC §7: 10,000 rows dry run ≤ 1 s, commit ≤ 1.5 s; 100,000 rows ≤ 10 s, peak RSS ≤ 500 MB; ratio ≤ 1.5)');
  try {
    for (const count of [10_000, 100_000]) {
      const file = path.join(dir, `township-${count}.xlsx`);
      await writeTownshipFile(file, count);
      const size = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
      const read = measure('baseline-read', file, '', count);
      const insert = measure('baseline-insert', file, freshDb(`insert-${count}`), count);
      const dry = measure('dry-run', file, freshDb(`dry-${count}`), count);
      const commit = measure('commit', file, freshDb(`commit-${count}`), count);
      const write = measure('write', file, freshDb(`write-${count}`), count);
      const base = read.ms + insert.ms;
      // CPU: the process's (every thread) and the main thread's own; with a worker beside it they differ.
      const row = (label: string, m: Measurement, extra = '') => console.log(`  ${label.padEnd(40)} ${String(Math.round(m.ms)).padStart(6)} ms (cpu ${String(Math.round(m.cpuMs ?? 0)).padStart(6)} ms, main thread ${String(Math.round(m.mainCpuMs ?? 0)).padStart(6)} ms)  peak RSS ${String(Math.round(m.rssMb)).padStart(4)} MB  ${m.detail ?? ''}${extra}`);
      const mainRatio = (m: Measurement, base: number) => (m.mainCpuMs !== undefined && base > 0 ? `, main thread ${(m.mainCpuMs / base).toFixed(2)}` : '');
      console.log(`${count.toLocaleString('en')} rows × ${HEADER.length} columns (${size} MB .xlsx)`);
      row('baseline: exceljs streaming read', read);
      row('baseline: raw better-sqlite3 insert', insert);
      row('dry run (read, check every row)', dry, `  ratio to read baseline ${(dry.ms / read.ms).toFixed(2)}`);
      row('commit (dry run + backup + write)', commit, `  ratio to sum of baselines ${(commit.ms / base).toFixed(2)} (cpu ${((commit.cpuMs ?? 0) / ((read.cpuMs ?? 0) + (insert.cpuMs ?? 0))).toFixed(2)}${mainRatio(commit, (read.mainCpuMs ?? 0) + (insert.mainCpuMs ?? 0))})`);
      row('write step (commit after a dry run)', write, `  ratio to raw insert ${(write.ms / insert.ms).toFixed(2)} (cpu ${((write.cpuMs ?? 0) / (insert.cpuMs ?? 1)).toFixed(2)}${mainRatio(write, insert.mainCpuMs ?? 0)})`);
    }
    // Issue 15: the legacy and text formats beside the same rows as .xlsx and a raw parse by the library used.
    const count = 10_000;
    const xlsx = path.join(dir, `township-${count}.xlsx`);
    const xls = path.join(dir, `township-${count}.xls`);
    const csv = path.join(dir, `township-${count}-gbk.csv`);
    writeXlsFile(xls, count);
    writeGbkCsvFile(csv, count);
    const row = (label: string, m: Measurement, extra = '') => console.log(`  ${label.padEnd(48)} ${String(Math.round(m.ms)).padStart(6)} ms (cpu ${String(Math.round(m.cpuMs ?? 0)).padStart(6)} ms)  peak RSS ${String(Math.round(m.rssMb)).padStart(4)} MB  ${m.detail ?? ''}${extra}`);
    console.log(`\n== other formats (issue 15: 10,000-row .xls and GBK .csv dry runs ≤ 1 s; whole-column template ≤ 1 s)`);
    const sameAsXlsx = measure('dry-run', xlsx, freshDb('fmt-xlsx'), count);
    row('dry run, same rows as .xlsx', sameAsXlsx);
    const xlsBase = measure('baseline-sheetjs', xls, '', count);
    const xlsDry = measure('dry-run', xls, freshDb('fmt-xls'), count);
    row(`baseline: SheetJS read of the .xls (${(fs.statSync(xls).size / 1024 / 1024).toFixed(1)} MB)`, xlsBase);
    row('dry run, .xls', xlsDry, `  ratio to its baseline ${(xlsDry.ms / xlsBase.ms).toFixed(2)}`);
    const csvBase = measure('baseline-csv', csv, '', count);
    const csvDry = measure('dry-run', csv, freshDb('fmt-csv'), count);
    row('baseline: iconv-lite GBK decode + split', csvBase);
    row('dry run, GBK .csv', csvDry, `  ratio to its baseline ${(csvDry.ms / csvBase.ms).toFixed(2)}`);
    const template = path.join(dir, 'template-200.xlsx');
    const plain = path.join(dir, 'plain-200.xlsx');
    await writeWholeColumnTemplate(template, 200);
    await writeTownshipFile(plain, 200);
    const plainDry = measure('dry-run', plain, freshDb('tpl-plain'), 200);
    const templateDry = measure('dry-run', template, freshDb('tpl'), 200);
    row('baseline: the same 200 rows without validations', plainDry);
    row('dry run, whole-column validation template', templateDry, `  ratio ${(templateDry.ms / plainDry.ms).toFixed(2)}`);
    const templateCommit = measure('commit', template, freshDb('tpl-commit'), 200);
    row('commit, whole-column validation template', templateCommit);
    // Issue 13: crafted files (each in its own process; before the linear reader, 8 of 12 ran past 60 s at a tenth of this size).
    console.log('\n== crafted workbooks (issue 13: each ends within 10 s and 1 GB; time grows with size, not its square)');
    const probe = path.join(__dirname, '..', 'electron', 'backend', 'import', 'testing', 'crafted-probe.ts');
    const names = execFileSync(process.execPath, ['--import', 'tsx', probe, '--list'], { encoding: 'utf8' }).trim().split('\n');
    for (const name of names) {
      const recipe = { name };
      const out = execFileSync(process.execPath, ['--import', 'tsx', probe, recipe.name, '1'], { encoding: 'utf8', timeout: 120_000 });
      const f = JSON.parse(out.trim().split('\n').pop()!) as { kb: number; xmlMb: number; ms: number; rssMb: number; rssBeforeReadMb: number; result: string };
      console.log(`  ${recipe.name.padEnd(34)} ${String(f.kb).padStart(5)} KB file, ${String(f.xmlMb).padStart(5)} MB XML  ${String(f.ms).padStart(5)} ms  peak RSS ${f.rssMb} MB (${f.rssBeforeReadMb} MB before reading)  ${f.result}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
