// Who may call each channel (SPEC §1 roles). The engine enforces it at dispatch for every door; the UI
// reads it only to hide what would be refused. Township scope is enforced inside the handlers.
import type { Channel } from './channels';

export type Role = 'clerk' | 'manager' | 'admin';
export type Access = 'public' | 'any' | readonly Role[];

const MANAGERS: readonly Role[] = ['manager', 'admin'];
const ADMINS: readonly Role[] = ['admin'];
const EDITORS: readonly Role[] = ['clerk', 'admin'];

export const CHANNEL_ACCESS = {
  'auth.status': 'public',
  'auth.setup': 'public',
  'auth.login': 'public',
  'auth.logout': 'any',
  'app.info': 'any',
  'divisions.townships': 'any',
  'people.list': 'any',
  'people.get': EDITORS,
  'people.check': EDITORS,
  'people.save': EDITORS,
  'people.export': 'any',
  'people.reveal': MANAGERS,
  'people.matchId': 'any',
  'users.list': ADMINS,
  'users.save': ADMINS,
  'users.resetPassword': ADMINS,
  'audit.list': MANAGERS,
  'audit.export': MANAGERS,
  'backups.list': ADMINS,
  'backups.create': ADMINS,
  'backups.restore': ADMINS,
  'employment.ledger': 'any',
  'employment.save': EDITORS,
  'employment.checks': 'any',
  'employment.targets': 'any',
  // The city sets the targets; the administrator keeps them with the year policy.
  'employment.saveTargets': ADMINS,
  'services.list': 'any',
  'services.add': EDITORS,
  'services.delete': EDITORS,
  'trainings.list': 'any',
  'trainings.save': EDITORS,
  'trainings.trainees': 'any',
  'trainings.enrol': EDITORS,
  'trainings.setTrainee': EDITORS,
  'trainings.unenrol': EDITORS,
  'reports.employment': MANAGERS,
  // Posts and placements (issue 5): the same roles its handlers check.
  'policies.plans': 'any',
  'policies.save': ADMINS,
  'plans.save': MANAGERS,
  'posts.summary': 'any',
  'posts.list': 'any',
  'posts.create': 'any',
  'posts.history': 'any',
  'placements.list': 'any',
  'placements.check': 'any',
  'placements.place': EDITORS,
  'placements.exit': EDITORS,
  'reports.r3': MANAGERS,
  // Import (issue 3): clerks (and the administrator) bring township files in.
  'import.open': EDITORS,
  'import.preview': EDITORS,
  'import.commit': EDITORS,
  'import.errorReport': EDITORS,
  'import.batches': 'any',
  'import.undo': EDITORS,
  'import.compare': 'any',
  // Attendance and payroll (issue 6): the handlers check each lifecycle action's role themselves
  // (submit: clerk, approve/return: manager, reopen: admin); R4 and the bank list carry full numbers.
  'payroll.month': 'any',
  'payroll.board': 'any',
  'payroll.transition': 'any',
  'payroll.setAttendance': EDITORS,
  'payroll.addAdjustment': EDITORS,
  'payroll.export': MANAGERS,
} as const satisfies Record<Channel, Access>;

export function mayCall(role: Role | null, channel: Channel): boolean {
  const access: Access = CHANNEL_ACCESS[channel];
  if (access === 'public') return true;
  if (role === null) return false;
  return access === 'any' || access.includes(role);
}
