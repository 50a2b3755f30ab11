// The import kinds the engine knows (SPEC §4's four).
import { WorkbenchFailure } from '../../failure';
import type { ImportKind, ImportKindName } from '../kind';
import { peopleKind } from './people';
import { employmentKind } from './employment';
import { attendanceKind } from './attendance';
import { placementsKind } from './placements';

const KINDS: Partial<Record<ImportKindName, ImportKind>> = { people: peopleKind, employment: employmentKind, placements: placementsKind, attendance: attendanceKind };

export function importKind(name: ImportKindName): ImportKind {
  const kind = KINDS[name];
  if (!kind) throw new WorkbenchFailure('VALIDATION', { detail: `暂不支持导入“${name}”` });
  return kind;
}

export function allKinds(): ImportKind[] {
  return Object.values(KINDS);
}
