// The import kinds the engine knows (SPEC §4's four, and the bank's return file of issue 12).
import { WorkbenchFailure } from '../../failure';
import type { ImportKind, ImportKindName } from '../kind';
import { peopleKind } from './people';
import { employmentKind } from './employment';
import { attendanceKind } from './attendance';
import { placementsKind } from './placements';
import { bankReturnKind } from './bank-return';

const KINDS: Partial<Record<ImportKindName, ImportKind>> = { people: peopleKind, employment: employmentKind, placements: placementsKind, attendance: attendanceKind, 'bank-return': bankReturnKind };

export function importKind(name: ImportKindName): ImportKind {
  const kind = KINDS[name];
  if (!kind) throw new WorkbenchFailure('VALIDATION', { detail: `暂不支持导入“${name}”` });
  return kind;
}

export function allKinds(): ImportKind[] {
  return Object.values(KINDS);
}
