// The logged-in user, for screens that adapt to the role (the engine enforces it regardless).
import { createContext, useContext } from 'react';
import type { SessionUser } from '../../shared/contract/schemas';
import { mayCall } from '../../shared/contract/access';
import type { Channel } from '../../shared/contract/channels';

export const SessionContext = createContext<SessionUser | null>(null);

export function useSessionUser(): SessionUser {
  const user = useContext(SessionContext);
  if (!user) throw new Error('no session');
  return user;
}

export function useMayCall(channel: Channel): boolean {
  return mayCall(useContext(SessionContext)?.role ?? null, channel);
}

export const ROLE_NAMES = { clerk: '录入员', manager: '审核员', admin: '管理员' } as const;
