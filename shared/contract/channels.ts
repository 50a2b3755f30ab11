// Channel names of the engine's contract. Zero dependencies: the preload imports this list.
export const CHANNELS = [
  'app.info',
  'divisions.townships',
  'people.list',
  'people.check',
  'people.save',
  'people.export',
  'payroll.month',
  'payroll.setAttendance',
  'payroll.transition',
  'payroll.addAdjustment',
  'payroll.board',
  'payroll.export',
  'policies.plans',
  'policies.save',
  'plans.save',
  'posts.summary',
  'posts.list',
  'posts.create',
  'posts.history',
  'placements.list',
  'placements.check',
  'placements.place',
  'placements.exit',
  'reports.r3',
  'import.open',
  'import.preview',
  'import.commit',
  'import.errorReport',
  'import.batches',
  'import.undo',
  'import.compare',
] as const;

export type Channel = (typeof CHANNELS)[number];

export function isChannel(name: string): name is Channel {
  return (CHANNELS as readonly string[]).includes(name);
}
