// Channel names of the engine's contract. Zero dependencies: the preload imports this list.
export const CHANNELS = [
  'app.info',
  'divisions.townships',
  'people.list',
  'people.check',
  'people.save',
  'people.export',
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
