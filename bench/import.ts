// Benchmark of the township import (SPEC §7): 10,000 and 100,000-row × 20-column files with realistic
// Chinese content; dry run and commit beside two baselines measured in the same run — exceljs's streaming
// reader reading the same file, and a raw better-sqlite3 insert of the same rows. Every measurement runs
// in its own child process, so its peak RSS is its own. Figures are printed, never asserted.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { checkCharacter } from '../shared/domain/id-number';
import { passesLuhn } from '../shared/domain/person';
import { loadCounty } from '../electron/backend/divisions/catalogue';

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

interface Measurement { ms: number; rssMb: number; detail?: string }

function measure(step: string, file: string, db: string, count: number): Measurement {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'import-step.ts'), step, file, db, String(count)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
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
      const base = read.ms + insert.ms;
      const row = (label: string, m: Measurement, extra = '') => console.log(`  ${label.padEnd(34)} ${String(Math.round(m.ms)).padStart(6)} ms  peak RSS ${String(Math.round(m.rssMb)).padStart(4)} MB  ${m.detail ?? ''}${extra}`);
      console.log(`${count.toLocaleString('en')} rows × ${HEADER.length} columns (${size} MB .xlsx)`);
      row('baseline: exceljs streaming read', read);
      row('baseline: raw better-sqlite3 insert', insert);
      row('dry run (read, check every row)', dry, `  ratio to read baseline ${(dry.ms / read.ms).toFixed(2)}`);
      row('commit (dry run + backup + write)', commit, `  ratio to sum of baselines ${(commit.ms / base).toFixed(2)}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
