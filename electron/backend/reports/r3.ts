// City reports from the engine: the model is assembled from the database by pure builders
// (shared/domain/reports) and rendered by the one report renderer. R3 for now; R1, R2, R4, R5 follow.
import type { EngineContext } from '../context';
import { buildR3, type RosterEntry, type RosterVersion } from '../../../shared/domain/reports/r3-roster';
import type { ReportModel } from '../../../shared/domain/reports/report-model';
import { renderReportWorkbook } from '../excel/report-workbook';
import { writeAudit } from '../admin/audit-repository';
import { getPlacement, placementsActiveInMonth } from '../posts/placements-repository';
import { localDate } from '../../../shared/domain/dates';

/** 填报单位 on every report: the county's human-resources and social-security bureau. */
export function reportingUnit(ctx: EngineContext): string {
  return `${ctx.county.name}人力资源和社会保障局`;
}

export async function r3Model(ctx: EngineContext, month: string, version: RosterVersion, preparedOn: string = localDate()): Promise<ReportModel> {
  const placements = await placementsActiveInMonth(ctx.wdb.db, month, ctx.scope.townships);
  const replacedNames = new Map<number, string>();
  for (const p of placements) {
    if (p.replacesPlacementId !== null && !replacedNames.has(p.replacesPlacementId)) {
      replacedNames.set(p.replacesPlacementId, (await getPlacement(ctx.wdb.db, p.replacesPlacementId))?.name ?? '');
    }
  }
  const entries: RosterEntry[] = placements.map((p) => ({
    townshipCode: p.townshipCode,
    townshipName: ctx.divisions.townshipNameOf(p.townshipCode),
    villageName: ctx.divisions.villageNameOf(p.villageCode),
    name: p.name, sex: p.sex, idNumber: p.idNumber, birthDate: p.birthDate, category: p.category, phone: p.phone,
    postType: p.postType, employingUnit: p.employingUnit, startDate: p.startDate, agreementEndDate: p.agreementEndDate,
    exitDate: p.exitDate, exitReason: p.exitReason, subsidyFen: p.subsidyFen, cardNumber: p.cardNumber, bank: p.bank,
    replacesName: p.replacesPlacementId === null ? null : replacedNames.get(p.replacesPlacementId) ?? null,
  }));
  return buildR3({ countyName: ctx.county.name, unit: reportingUnit(ctx), month, preparedOn, entries, version });
}

/** Renders a report and records the export in the audit log (SPEC §8: every export is audited). */
export async function exportReport(ctx: EngineContext, report: string, model: ReportModel, params: Record<string, unknown>): Promise<{ fileName: string; buffer: Buffer; rows: number }> {
  const buffer = await renderReportWorkbook(model);
  const rows = model.sheets.reduce((n, s) => n + s.rows.filter((r) => r.kind === 'data').length, 0);
  await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'report', entityId: report, action: 'export', after: { ...params, fileName: model.fileName, rows } });
  return { fileName: model.fileName, buffer, rows };
}
