// Benchmark of the small import kinds (issue 15: "bring every kind to the people kind's rate"): on the demo
// county, a file of each kind as large as the demo allows — placements (everyone eligible without a 2022
// post), attendance (every placement on post in 2022-08), employment (everyone without a 2022 record),
// a bank's return of a whole payment batch — and, beside them, the people kind re-reading as many of the
// county's people. Dry run and commit each in their own process; rows/s is what compares kinds.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { importStepCommand } from './step-bundle';

interface Measurement { ms: number; cpuMs?: number; mainCpuMs?: number; rssMb: number; detail?: string }

function measure(step: string, file: string, db: string, kind: string, month = ''): Measurement {
  const { args, env } = importStepCommand();
  const out = execFileSync(process.execPath, [...args, step, file, db, '0'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...env, IMPORT_KIND: kind, IMPORT_MONTH: month } });
  return JSON.parse(out.trim().split('\n').pop()!) as Measurement;
}

async function writeSheet(file: string, title: string, header: string[], rows: (string | number)[][]): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const sheet = writer.addWorksheet('Sheet1');
  sheet.addRow([title]).commit();
  sheet.addRow(header).commit();
  for (const row of rows) sheet.addRow(row).commit();
  await writer.commit();
}

/** The same file with its first data row only (title, header, one row): the fixed cost of a dry run of the kind. */
async function oneRowCopy(file: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  if (sheet.rowCount > 3) sheet.spliceRows(4, sheet.rowCount - 3);
  const out = file.replace(/\.xlsx$/, '-one-row.xlsx');
  await workbook.xlsx.writeFile(out);
  return out;
}

interface KindFile { kind: string; label: string; month?: string; file: string; rows: number }

/** Files of every kind from the demo county, and the database changes each needs (made in the template). */
export async function kindFiles(sqlite: Database.Database, dir: string): Promise<KindFile[]> {
  const q = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as T[];
  const name = (code: string) => (sqlite.prepare('select name from divisions where code = ?').get(code) as { name: string }).name;
  const files: KindFile[] = [];

  // Placements: everyone eligible-looking without a 2022 post, one per household, on 保洁 posts from June; plans raised to allow it.
  const free = q<{ id_number: string; name: string; township_code: string; village_code: string }>(`select pe.id_number, pe.name, pe.township_code, pe.village_code from people pe
    where pe.id in (select min(id) from people group by household_no) and pe.category = '脱贫户' and pe.labour_ability = '普通劳动力' and pe.birth_date between '1962-12-31' and '2002-01-01'
      and not exists (select 1 from placements pl join posts po on po.id = pl.post_id join people h on h.id = pl.person_id where po.year = 2022 and (h.id = pe.id or h.household_no = pe.household_no))
    order by pe.id`);
  sqlite.prepare('update year_policies set planned_posts = planned_posts + ? where year = 2022').run(free.length);
  sqlite.prepare('update township_plans set planned_posts = planned_posts + ? where year = 2022').run(free.length);
  const placements = path.join(dir, 'placements.xlsx');
  await writeSheet(placements, '卢龙县2022年公益岗位安置名单', ['乡镇', '村', '姓名', '身份证号', '岗位类型', '上岗日期', '月补贴标准'],
    free.map((p) => [name(p.township_code), name(p.village_code), p.name, p.id_number, '保洁', '2022-06-01', 650]));
  files.push({ kind: 'placements', label: 'placements (公益岗位安置)', file: placements, rows: free.length });

  // Attendance: every placement on post in August 2022 (a month not yet submitted).
  const onPost = q<{ name: string; id_number: string }>(`select pe.name, pe.id_number from placements pl join people pe on pe.id = pl.person_id
    where pl.start_date <= '2022-08-31' and coalesce(pl.exit_date, pl.agreement_end_date) >= '2022-08-01' and pl.agreement_end_date >= '2022-08-01' order by pl.id`);
  const attendance = path.join(dir, 'attendance.xlsx');
  await writeSheet(attendance, '卢龙县2022年8月公益岗位考勤表', ['姓名', '公民身份号码', '出勤天数'], onPost.map((p, i) => [p.name, p.id_number, 20 + (i % 3)]));
  files.push({ kind: 'attendance', label: 'attendance (月度考勤), 2022-08', month: '2022-08', file: attendance, rows: onPost.length });

  // Employment: next year's ledger (2023, no records yet) for the labourers, of working age and ability.
  const noRecord = q<{ name: string; id_number: string }>(`select name, id_number from people
    where labour_ability in ('普通劳动力', '技能劳动力') and birth_date between '1967-01-01' and '2004-12-31' order by id`);
  const employment = path.join(dir, 'employment.xlsx');
  await writeSheet(employment, '卢龙县2023年脱贫劳动力就业台账', ['姓名', '身份证号', '年度', '就业状态', '就业形式', '就业单位', '开始务工时间', '务工月数', '月均收入（元）'],
    noRecord.map((p, i) => [p.name, p.id_number, 2023, '已就业', i % 2 ? '县内务工' : '省外务工', '县粉丝厂', '2023-03', 8, 3000 + (i % 7) * 100]));
  files.push({ kind: 'employment', label: 'employment (就业台账)', file: employment, rows: noRecord.length });

  // A bank's return of the whole of batch 3 (its answer taken back, so the batch waits for one again).
  const batch = sqlite.prepare('select id, batch_no from payment_batches order by id desc limit 1').get() as { id: number; batch_no: string };
  sqlite.prepare('delete from payment_returns where line_id in (select id from payment_lines where batch_id = ?)').run(batch.id);
  sqlite.prepare("update payment_batches set status = '已报送银行', returned_at = null where id = ?").run(batch.id);
  const lines = q<{ seq: number; name: string; card_number: string; amount_fen: number }>('select seq, name, card_number, amount_fen from payment_lines where batch_id = ? order by seq', batch.id);
  const bank = path.join(dir, 'bank-return.xlsx');
  await writeSheet(bank, `代发回盘 批次${batch.batch_no}`, ['序号', '户名', '卡号', '金额', '处理结果', '失败原因'],
    lines.map((l) => [l.seq, l.name, l.card_number, (l.amount_fen / 100).toFixed(2), '成功', '']));
  files.push({ kind: 'bank-return', label: 'bank return (代发回盘)', file: bank, rows: lines.length });

  // The people kind on as many of the same county's people (their phone changed: updates, the usual monthly file).
  const people = q<{ id_number: string; name: string; township_code: string; village_code: string; category: string; labour_ability: string }>(
    'select id_number, name, township_code, village_code, category, labour_ability from people order by id limit ?', Math.max(...files.map((f) => f.rows)));
  const peopleFile = path.join(dir, 'people.xlsx');
  await writeSheet(peopleFile, '卢龙县脱贫人口台账', ['乡镇', '村', '姓名', '身份证号', '人员类别', '劳动能力', '联系电话'],
    people.map((p, i) => [name(p.township_code), name(p.village_code), p.name, p.id_number, p.category, p.labour_ability, `139${String(10000000 + i)}`]));
  files.unshift({ kind: 'people', label: 'people (人员台账), same county', file: peopleFile, rows: people.length });
  return files;
}

export async function benchImportKinds(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-bench-kinds-'));
  try {
    const template = path.join(dir, 'demo.sqlite');
    execFileSync(process.execPath, [path.join(__dirname, '..', 'bin', 'workbench.cjs'), 'init', '--db', template, '--demo'], { stdio: 'ignore' });
    const sqlite = new Database(template);
    const files = await kindFiles(sqlite, dir);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
    let n = 0;
    const fresh = () => { const file = path.join(dir, `run-${n++}.sqlite`); fs.copyFileSync(template, file); return file; };
    console.log('\n== import kinds (issue 15: every kind at the people kind\'s rate; demo county, rows/s of the dry run and the commit)');
    // Rates by wall time and by CPU time (user + system of the step): on a shared machine the CPU rate is the
    // steadier one. The files are small (768 placements) and a dry run has a fixed cost whatever its size
    // (opening, the sheet list, the kind's lookups, code run for the first time): the main thread's CPU time
    // of a one-row file of the same kind is printed beside the file's, and it is most of it at these sizes.
    let people = { wall: 0, cpu: 0 };
    const perSecond = (rows: number, ms: number | undefined) => (ms ? rows / (ms / 1000) : 0);
    const rate = (n: number) => String(Math.round(n)).padStart(6);
    for (const f of files) {
      const one = await oneRowCopy(f.file);
      const dryOne = measure('dry-run', one, fresh(), f.kind, f.month);
      const dry = measure('dry-run', f.file, fresh(), f.kind, f.month);
      const commit = measure('commit', f.file, fresh(), f.kind, f.month);
      const dryRate = { wall: perSecond(f.rows, dry.ms), cpu: perSecond(f.rows, dry.cpuMs) };
      if (f.kind === 'people') people = dryRate;
      const vs = f.kind === 'people' ? '' : `  dry run ${(dryRate.wall / people.wall).toFixed(2)}× the people kind's rate (cpu ${(dryRate.cpu / people.cpu).toFixed(2)}×)`;
      console.log(`  ${f.label.padEnd(34)} ${String(f.rows).padStart(5)} rows  dry run ${String(Math.round(dry.ms)).padStart(5)} ms ${rate(dryRate.wall)} rows/s (cpu ${String(Math.round(dry.cpuMs ?? 0)).padStart(5)} ms ${rate(dryRate.cpu)} rows/s; main thread ${Math.round(dry.mainCpuMs ?? 0)} ms, a one-row file ${Math.round(dryOne.mainCpuMs ?? 0)} ms)  commit ${String(Math.round(commit.ms)).padStart(5)} ms ${rate(perSecond(f.rows, commit.ms))} rows/s (cpu ${rate(perSecond(f.rows, commit.cpuMs))} rows/s)${vs}`);
      console.log(`  ${''.padEnd(34)} ${dry.detail ?? ''} / ${commit.detail ?? ''}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
