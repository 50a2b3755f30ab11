// window.api as the preload builds it: one function per contract channel, each a single invoke of that
// channel, and nothing else. Free of the 'electron' import so the surface is tested in plain Node.
import { CHANNELS } from '../../shared/contract/channels';

export function buildApi(invoke: (channel: string, input: unknown) => Promise<unknown>): Record<string, (input: unknown) => Promise<unknown>> {
  return Object.fromEntries(CHANNELS.map((channel) => [channel, (input: unknown) => invoke(channel, input)]));
}
