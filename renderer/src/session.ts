// The logged-in user, for screens that adapt to the role (the engine enforces it regardless).
import { createContext, useContext } from 'react';
import type { SessionUser } from '../../shared/contract/schemas';
import type { Channel } from '../../shared/contract/channels';

export const SessionContext = createContext<SessionUser | null>(null);

export function useSessionUser(): SessionUser {
  const user = useContext(SessionContext);
  if (!user) throw new Error('no session');
  return user;
}

export function useMayCall(channel: Channel): boolean {
  // The engine sends the channels this user may call with the session (their registration decides).
  return useContext(SessionContext)?.channels.includes(channel) ?? false;
}

export const ROLE_NAMES = { clerk: '录入员', manager: '审核员', admin: '管理员' } as const;
