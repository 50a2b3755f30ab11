// window.api as the preload builds it: one function per contract channel, each a single invoke of that
// channel, and nothing else; and window.desktop: one function per desktop channel given (print to PDF,
// choose a folder, the connection), each a single invoke. Free of the 'electron' import so the surface is
// tested in plain Node.
import { CHANNELS } from '../../shared/contract/channels';
import { DESKTOP_CHANNELS, DESKTOP_FUNCTIONS, type DesktopChannel } from '../../shared/contract/desktop';

type Invoke = (channel: string, input: unknown) => Promise<unknown>;

export function buildApi(invoke: Invoke): Record<string, (input: unknown) => Promise<unknown>> {
  return Object.fromEntries(CHANNELS.map((channel) => [channel, (input: unknown) => invoke(channel, input)]));
}

export function buildDesktop(invoke: Invoke, channels: readonly DesktopChannel[] = DESKTOP_CHANNELS): Record<string, (input?: unknown) => Promise<unknown>> {
  return Object.fromEntries(channels.map((channel) => [DESKTOP_FUNCTIONS[channel], (input?: unknown) => invoke(channel, input ?? null)]));
}
