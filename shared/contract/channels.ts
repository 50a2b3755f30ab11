// Channel names of the engine's contract. Zero dependencies: the preload imports this list.
export const CHANNELS = [
  'auth.status',
  'auth.setup',
  'auth.login',
  'auth.logout',
  'app.info',
  'divisions.townships',
  'people.list',
  'people.get',
  'people.check',
  'people.save',
  'people.export',
  'people.reveal',
  'people.matchId',
  'users.list',
  'users.save',
  'users.resetPassword',
  'audit.list',
  'audit.export',
  'backups.list',
  'backups.create',
  'backups.restore',
  // Employment ledger, 131 services, trainings, targets, R1/R5 (issue 7).
  'employment.ledger',
  'employment.save',
  'employment.checks',
  'employment.targets',
  'employment.saveTargets',
  'services.list',
  'services.add',
  'services.delete',
  'trainings.list',
  'trainings.save',
  'trainings.trainees',
  'trainings.enrol',
  'trainings.setTrainee',
  'trainings.unenrol',
  'reports.employment',
] as const;

export type Channel = (typeof CHANNELS)[number];

export function isChannel(name: string): name is Channel {
  return (CHANNELS as readonly string[]).includes(name);
}
