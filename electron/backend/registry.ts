// How a feature registers its channels (STYLE.md habit 8): each channel is said once, with who may call it
// and how township scope applies, beside the function that serves it. dispatch reads access from here; a
// rule written once cannot be forgotten by the next door.
import type { Channel } from '../../shared/contract/channels';
import type { ChannelInput, ChannelOutput } from '../../shared/contract/schemas';
import { mayCall, type Access, type Role } from '../../shared/contract/access';
import type { EngineContext } from './context';

/**
 * How township scope (SPEC §8: a clerk works only in the townships assigned) applies to a channel:
 * - `county`: not township data (login, users, policies, backups), or county-wide by role;
 * - `scoped`: reads filtered to the actor's townships;
 * - `scopedWrite`: writes, refused with a coded error for rows outside the actor's townships.
 */
export type Scope = 'county' | 'scoped' | 'scopedWrite';

export interface Registration<K extends Channel> {
  access: Access;
  scope: Scope;
  /** An audited look at one record's full ID and card numbers (managers and administrators only; masking.ts). */
  reveals?: true;
  /**
   * Access that depends on the kind of thing the call is about (an import's kind: IMPORT_ACCESS): dispatch
   * asks `kindOf` once the input parses and refuses a role the kind's access does not name; `access` is
   * then every role that may call it for some kind (what the UI is told).
   */
  byKind?: KindAccess<ChannelInput<K>>;
  handler: (ctx: EngineContext, input: ChannelInput<K>) => Promise<ChannelOutput<K>>;
}

/** Access by the kind a call is about: the kind's access, and how to tell the kind from the call (null: none). */
export interface KindAccess<Input = unknown> {
  access: Readonly<Record<string, Access>>;
  kindOf: (ctx: EngineContext, input: Input) => string | null | Promise<string | null>;
}

export type Registrations<K extends Channel> = { [P in K]: Registration<P> };

const accessByChannel = new Map<Channel, Access>();

/** A feature's channels, checked against the contract (each handler's input and output types). */
export function registerChannels<K extends Channel>(registrations: Registrations<K>): Registrations<K> {
  for (const [channel, registration] of Object.entries(registrations) as [Channel, Registration<K>][]) accessByChannel.set(channel, registration.access);
  return registrations;
}

/** The channels a role may call, as registered: what the UI receives with the session to hide the rest. */
export function channelsFor(role: Role): Channel[] {
  return [...accessByChannel].filter(([, access]) => mayCall(role, access)).map(([channel]) => channel).sort();
}
