import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { api, type CurrentUser } from "./api/api-client";
import { forgetAllLocalCopies } from "./collab/local-copies";

interface SessionState {
  /** undefined while loading; null when signed out. */
  readonly user: CurrentUser | null | undefined;
  /** Asks the server who is signed in. */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Provides the signed-in user to the app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    const session = await api<{ user: CurrentUser | null }>("GET", "/auth/session");
    setUser(session.user);
  }, []);
  const signOut = useCallback(async () => {
    await api("POST", "/auth/sign-out");
    setUser(null);
    // The pages close their rooms as they unmount; their copies go once closed.
    await forgetAllLocalCopies();
  }, []);
  useEffect(() => {
    refresh().catch(() => setUser(null));
  }, [refresh]);
  return <SessionContext.Provider value={{ user, refresh, signOut }}>{children}</SessionContext.Provider>;
}

/** The session: who is signed in, and how to refresh or end it. */
export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession needs a SessionProvider above it");
  return session;
}
