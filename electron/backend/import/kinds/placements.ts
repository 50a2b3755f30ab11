// The placements kind (公益岗位安置): a township's list of who went on which post. Cells are read here with
// the engine's parsers (dates in every spelling and either date system, yuan, township and village names);
// the rules are placing.ts's placeImportedRow, the same ones the 上岗安置 screen meets. Rows are judged in
// file order on a ledger in memory loaded once (a row can take the post, or the plan's last place, that a
// later row wanted); the commit writes what they placed, with any posts made for them, recorded for undo
// (and judges them again first if the database changed since).
import { displayText, isBlank, parseDate, parseText, type CellValue } from '../../../../shared/domain/cell-values';
import { workbenchError, type ErrorCode, type WorkbenchError } from '../../../../shared/domain/errors';
import type { FieldSpec } from '../../../../shared/domain/import-headers';
import { parseIdNumber } from '../../../../shared/domain/id-number';
import { formatYuan, parseYuanToFen } from '../../../../shared/domain/money';
import { isPostType } from '../../../../shared/domain/posts';
import type { PlacementRow, PostRow } from '../../db/schema';
import type { EngineContext } from '../../context';
import { placeImportedRow, type PlacementRowInput, type PlacementRowOutcome } from '../../posts/placing';
import { MemoryPlacingLedger } from '../../posts/placing-ledger';
import { importStore, type ImportStore } from '../store';
import type { FieldIssue, ImportKind, KindContext, KindEvaluation, RowInput, RowOutcome, SnapshotRow } from '../kind';
import { PEOPLE_FIELDS, countyDivisionNames } from './people';

const peopleField = (key: string): FieldSpec => PEOPLE_FIELDS.find((f) => f.key === key)!;

export const PLACEMENT_FIELDS: readonly FieldSpec[] = [
  peopleField('townshipCode'),
  peopleField('villageCode'),
  peopleField('name'),
  peopleField('idNumber'),
  { key: 'postType', label: '岗位类型', required: true, aliases: ['岗位类型', '岗位类别', '岗位种类', '岗位名称', '公益岗位类型', '岗位'] },
  { key: 'startDate', label: '上岗日期', required: true, aliases: ['上岗日期', '上岗时间', '安置日期', '安置时间', '上岗开始日期', '协议开始日期', '协议起始日期', '开始日期'] },
  { key: 'agreementEndDate', label: '协议截止日期', required: false, aliases: ['协议截止日期', '协议截止时间', '协议到期日期', '协议到期时间', '协议结束日期', '协议期满日期', '截止日期', '到期日期'] },
  { key: 'subsidy', label: '月补贴标准', required: false, aliases: ['月补贴标准', '月补贴标准(元)', '补贴标准', '补贴标准(元/月)', '月补贴', '月补贴(元)', '岗位补贴标准', '每月补贴'] },
];

const labelOf = (key: string) => PLACEMENT_FIELDS.find((f) => f.key === key)?.label ?? key;

/** The column a rule's finding belongs to, so the error workbook marks that cell (null: the row). */
const FIELD_OF: Partial<Record<ErrorCode, string>> = {
  PERSON_NOT_FOUND: 'idNumber', NOT_ELIGIBLE: 'idNumber', ALREADY_PLACED: 'idNumber', AGE_CONFIRM: 'idNumber', HOUSEHOLD_PLACED: 'idNumber',
  NAME_MISMATCH: 'name', BAD_POST_TYPE: 'postType', PLACEMENT_DATE_OUTSIDE: 'startDate', POLICY_MISSING: 'startDate',
  AGREEMENT_END_INVALID: 'agreementEndDate', SUBSIDY_DIFFERS: 'subsidy', VILLAGE_MISMATCH: 'villageCode', POST_OVER_PLAN: 'villageCode',
};
const fieldOf = (code: ErrorCode): string | null => (code.startsWith('ID_') ? 'idNumber' : FIELD_OF[code] ?? null);
const issue = (field: string | null, error: WorkbenchError): FieldIssue => ({ field, code: error.code, message: error.message });
const found = (error: WorkbenchError): FieldIssue => issue(fieldOf(error.code), error);

/** 保洁员, 护林岗 → 保洁, 护林: the post type with the word for its holder or the post dropped. */
function postTypeOf(text: string): string {
  const bare = text.replace(/[\s\u3000]/g, '');
  const stripped = bare.replace(/(员|岗位|岗)$/u, '');
  return isPostType(stripped) ? stripped : bare;
}

interface Parsed { row: PlacementRowInput | null; key: string | null; label: string; errors: FieldIssue[] }

interface Accepted { input: PlacementRowInput; outcome: RowOutcome; result: PlacementRowOutcome; stored: { agreementEndDate: string; subsidyFen: number } | null }

/** Reads a row's cells into what the seam takes; problems with the cells themselves come back as errors. */
function parseRow(input: RowInput, ctx: EngineContext, names: Awaited<ReturnType<typeof countyDivisionNames>>, titleTownship: string | null, date1904: boolean): Parsed {
  const errors: FieldIssue[] = [];
  const raw = (field: string): CellValue => input.values[field];
  const text = (field: string): string => {
    const parsed = parseText(raw(field), labelOf(field));
    if (!parsed.ok) { errors.push(issue(field, parsed.error)); return ''; }
    return parsed.value;
  };
  const required = (field: string, value: string) => { if (!value) errors.push(issue(field, workbenchError('VALUE_MISSING', { column: labelOf(field) }))); };

  const id = parseIdNumber(raw('idNumber') ?? null);
  if (!id.ok) errors.push(issue('idNumber', id.error));
  // Spaces inside a name are how a clerk aligns two-character names (王  芳), never part of it.
  const name = text('name').replace(/[\s\u3000]/g, '');
  if (!name) errors.push(issue('name', workbenchError('NAME_MISSING')));

  const townshipName = text('townshipCode');
  const townshipCode = townshipName ? names.township(townshipName) : titleTownship;
  if (townshipName && !townshipCode) errors.push(issue('townshipCode', workbenchError('UNKNOWN_TOWNSHIP', { value: townshipName })));
  else if (!townshipCode) required('townshipCode', '');
  else if (ctx.scope.refusal(townshipCode)) errors.push(issue('townshipCode', ctx.scope.refusal(townshipCode)!));

  const villageName = text('villageCode');
  let villageCode = '';
  required('villageCode', villageName);
  if (villageName && townshipCode) {
    const village = names.village(townshipCode, villageName);
    if (village && 'code' in village) villageCode = village.code;
    else if (village && 'ambiguous' in village) errors.push(issue('villageCode', workbenchError('VILLAGE_AMBIGUOUS', { value: villageName, candidates: village.ambiguous.join('、') })));
    else if (village) errors.push(issue('villageCode', workbenchError('VILLAGE_NOT_IN_TOWNSHIP', { value: villageName, actual: village.elsewhere.join('、') })));
    else errors.push(issue('villageCode', workbenchError('UNKNOWN_VILLAGE', { value: villageName })));
  }

  const postType = postTypeOf(text('postType'));
  required('postType', postType);

  const date = (field: string): string | undefined => {
    if (isBlank(raw(field))) return undefined;
    const parsed = parseDate(raw(field), { date1904 });
    if (!parsed.ok) { errors.push(issue(field, parsed.error)); return undefined; }
    return parsed.value;
  };
  const startDate = date('startDate');
  if (isBlank(raw('startDate'))) required('startDate', '');
  const agreementEndDate = date('agreementEndDate');

  let subsidyFen: number | null = null;
  if (!isBlank(raw('subsidy'))) {
    subsidyFen = parseYuanToFen(raw('subsidy'));
    if (subsidyFen === null) errors.push(issue('subsidy', workbenchError('BAD_NUMBER', { value: displayText(raw('subsidy')).slice(0, 40) })));
  }

  const key = id.ok ? id.value : null;
  if (errors.length > 0 || !id.ok || !townshipCode || !startDate) return { row: null, key, label: name, errors };
  return { row: { idNumber: id.value, name, townshipCode, villageCode, postType, startDate, agreementEndDate, subsidyFen }, key, label: name, errors };
}

export const placementsKind: ImportKind = {
  name: 'placements',
  title: '公益岗位安置',
  fields: PLACEMENT_FIELDS,
  entityTables: { placement: 'placements', post: 'posts' },

  fieldsFromTitle: async (ctx, titleText) => ((await countyDivisionNames(ctx)).townshipIn(titleText) ? ['townshipCode'] : []),

  async evaluate(rows: readonly RowInput[], { ctx, titleText, mappedFields, date1904 }: KindContext): Promise<KindEvaluation> {
    const names = await countyDivisionNames(ctx);
    const titleTownship = mappedFields.has('townshipCode') ? null : names.townshipIn(titleText);
    const parsed = rows.map((r) => parseRow(r, ctx, names, titleTownship, date1904));

    // One row per person and year: a second one would only be refused as ALREADY_PLACED, which hides
    // that the file lists them twice.
    const firstRowOf = new Map<string, number>();
    for (const [index, p] of parsed.entries()) {
      if (!p.row) continue;
      const key = `${p.row.idNumber}|${p.row.startDate.slice(0, 4)}`;
      const first = firstRowOf.get(key);
      if (first === undefined) { firstRowOf.set(key, rows[index]!.row); continue; }
      p.errors.push(issue('idNumber', workbenchError('DUPLICATE_IN_FILE', { firstRow: first })));
      p.row = null;
    }

    // Every row placed in file order on the ledger in memory, loaded once (placing-ledger.ts): a row can
    // take the post, or the plan's last place, that a later row wanted. Nothing is written here.
    const valid = parsed.flatMap((p) => (p.row ? [p.row] : []));
    const ledger = await MemoryPlacingLedger.load(importStore(ctx.wdb), valid.map((r) => r.idNumber), valid.map((r) => Number(r.startDate.slice(0, 4))));
    const judged = new Map<number, PlacementRowOutcome>();
    for (const [index, p] of parsed.entries()) if (p.row) judged.set(index, await placeImportedRow(ledger, ctx.divisions, p.row));

    const accepted: Accepted[] = [];
    const outcomes = rows.map((input, index): RowOutcome => {
      const p = parsed[index]!;
      const result = judged.get(index);
      const base = { row: input.row, key: p.key, label: p.label, changedFields: [] };
      if (!result) return { ...base, status: 'rejected', errors: p.errors, warnings: [] };
      const warnings = result.warnings.map(found);
      if (result.outcome === 'rejected') return { ...base, status: 'rejected', errors: result.errors.map(found), warnings };
      const outcome: RowOutcome = { ...base, status: result.outcome, errors: [], warnings };
      accepted.push({
        input: p.row!, outcome, result,
        stored: result.outcome === 'created' ? { agreementEndDate: result.placement.agreement_end_date, subsidyFen: result.placement.subsidy_fen } : null,
      });
      return outcome;
    });
    const townships = new Set(accepted.map((a) => a.input.townshipCode));

    return {
      outcomes,
      townshipCode: townships.size === 1 ? [...townships][0]! : null,
      townships: [...townships],
      async apply(store: ImportStore, batchId: number) {
        // What the ledger placed, written in file order: posts and placements got provisional ids there, mapped
        // to the real ones as they are inserted (a placement may follow one made earlier in the same file).
        const insertPost = 'insert into posts (year, township_code, village_code, post_type, employing_unit) values (?, ?, ?, ?, ?) returning *';
        const insertPlacement = `insert into placements (person_id, post_id, start_date, agreement_end_date, subsidy_fen, exit_date, exit_reason, replaces_placement_id, confirmed_warnings)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning *`;
        const postId = new Map<number, number>();
        const placementId = new Map<number, number>();
        const change = store.changeWriter();
        for (const { result, outcome } of accepted) {
          if (result?.outcome !== 'created') continue;
          if (result.postCreated) {
            const p = result.postCreated;
            const post = (await store.get<PostRow>(insertPost, [p.year, p.township_code, p.village_code, p.post_type, p.employing_unit]))!;
            postId.set(p.id, post.id);
            // The post first: undo goes through the changes newest first, so the placement goes before its post.
            await change.add([batchId, 'post', post.id, 'create', null, JSON.stringify({ ...post, name: `${ctx.divisions.villageNameOf(post.village_code)}${post.post_type}岗位` })]);
          }
          const p = result.placement;
          const replaces = p.replaces_placement_id === null ? null : placementId.get(p.replaces_placement_id) ?? p.replaces_placement_id;
          const placement = (await store.get<PlacementRow>(insertPlacement, [p.person_id, postId.get(p.post_id) ?? p.post_id, p.start_date, p.agreement_end_date, p.subsidy_fen,
            p.exit_date, p.exit_reason, replaces, p.confirmed_warnings]))!;
          placementId.set(p.id, placement.id);
          await change.add([batchId, 'placement', placement.id, 'create', null, JSON.stringify({ ...placement, name: outcome.label })]);
        }
        await change.flush();
      },
      snapshot(): SnapshotRow[] {
        return accepted.map(({ input, outcome, stored }) => ({
          key: input.idNumber,
          label: outcome.label,
          fields: {
            乡镇: ctx.divisions.townshipNameOf(input.townshipCode), 村: ctx.divisions.villageNameOf(input.villageCode), 岗位类型: input.postType, 上岗日期: input.startDate,
            协议截止日期: stored?.agreementEndDate ?? input.agreementEndDate ?? '', 月补贴标准: stored ? formatYuan(stored.subsidyFen) : '',
          },
        }));
      },
    };
  },
};
