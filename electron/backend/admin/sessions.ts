// Login sessions, in memory: a random token per login, ended by logout or 30 minutes without a request.
import { randomBytes } from 'node:crypto';

export const IDLE_MINUTES = 30;

interface Session { userId: number; lastSeen: number }

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  constructor(private readonly idleMs = IDLE_MINUTES * 60_000, private readonly now: () => number = Date.now) {}

  create(userId: number): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { userId, lastSeen: this.now() });
    return token;
  }

  /** The user of a live session, touching it; an idle session is ended here. */
  resolve(token: string | undefined): number | null {
    if (!token) return null;
    const session = this.sessions.get(token);
    if (!session) return null;
    if (this.now() - session.lastSeen > this.idleMs) { this.sessions.delete(token); return null; }
    session.lastSeen = this.now();
    return session.userId;
  }

  end(token: string | undefined): void {
    if (token) this.sessions.delete(token);
  }

  /** Ends every session whose user fails the test (after a restore: ids that now name someone else). */
  retainOnly(keep: (userId: number) => boolean): void {
    for (const [token, session] of this.sessions) if (!keep(session.userId)) this.sessions.delete(token);
  }

  endAllFor(userId: number): void {
    for (const [token, session] of this.sessions) if (session.userId === userId) this.sessions.delete(token);
  }
}
