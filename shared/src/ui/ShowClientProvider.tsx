import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { loadSession, saveSession, type Session } from '../client/session.js';
import { createShowClient, type ShowClient, type ShowClientState } from '../client/showClient.js';
import type { Cue } from '../domain.js';
import type { Role } from '../events/index.js';
import { PinSignIn } from './PinSignIn.js';
import { useT } from './i18n.js';
import { usePairing } from './usePairing.js';

interface ShowClientContextValue {
  client: ShowClient;
  session: Session;
  signOut: () => void;
}

const ShowClientContext = createContext<ShowClientContextValue | null>(null);

export interface ShowClientProviderProps {
  /** The app's name: its session is saved under it, so each app on a device signs in on its own. */
  app: string;
  /** Title of the sign-in card. */
  title: string;
  allowedRoles?: readonly Role[];
  /** Shown for the moment between sign-in and the client being ready (the stage wants plain black). */
  fallback?: ReactNode;
  /**
   * Shown instead of the PIN card while the device is not signed in. The stream overlay passes an
   * empty, transparent page: a card there would go on air. It then signs in only by `?pair=CODE`.
   */
  signIn?: ReactNode;
  children: ReactNode;
}

function allowedSession(app: string, allowedRoles?: readonly Role[]): Session | null {
  const saved = loadSession(app);
  return saved && (!allowedRoles || allowedRoles.includes(saved.role)) ? saved : null;
}

/**
 * Signs the device in (PIN card) and then holds one connection to the control-server for the
 * session. A token the server refuses (revoked, or from an old database) signs the device out.
 */
export function ShowClientProvider({
  app,
  title,
  allowedRoles,
  fallback = null,
  signIn,
  children,
}: ShowClientProviderProps) {
  const [session, setSession] = useState<Session | null>(() => allowedSession(app, allowedRoles));
  const [client, setClient] = useState<ShowClient | null>(null);

  const signOut = useCallback(() => {
    saveSession(app, null);
    setSession(null);
  }, [app]);

  useEffect(() => {
    if (!session) return;
    const created = createShowClient({
      token: session.token,
      ...(session.hubs ? { hubs: session.hubs } : {}),
    });
    setClient(created);
    const unsubscribe = created.store.subscribe((s) => {
      if (s.connection === 'unauthorized') signOut();
    });
    return () => {
      unsubscribe();
      created.close();
      setClient(null);
    };
  }, [session, signOut]);

  const t = useT();
  const { pairing, failed: pairFailed } = usePairing(app, allowedRoles, setSession);

  const value = useMemo(
    () => (client && session ? { client, session, signOut } : null),
    [client, session, signOut],
  );

  if (pairing) return <>{fallback}</>;
  if (!session && signIn !== undefined) return <>{signIn}</>;
  if (!session)
    return (
      <PinSignIn
        app={app}
        title={title}
        allowedRoles={allowedRoles}
        onSignedIn={setSession}
        initialError={pairFailed ? t('signin.pairFailed') : undefined}
      />
    );
  if (!value) return <>{fallback}</>;
  return <ShowClientContext.Provider value={value}>{children}</ShowClientContext.Provider>;
}

function useShowClientContext(): ShowClientContextValue {
  const value = useContext(ShowClientContext);
  if (!value) throw new Error('useShowClient must be used inside <ShowClientProvider>');
  return value;
}

/** The one connection to the control-server of this signed-in session. */
export function useShowClient(): ShowClient {
  return useShowClientContext().client;
}

/** Who is signed in on this device, and how to sign out. */
export function useSession(): { session: Session; signOut: () => void } {
  const { session, signOut } = useShowClientContext();
  return { session, signOut };
}

/** Reads one value from the client's store; the selector must return a single value, not a new object. */
export function useShow<T>(selector: (state: ShowClientState) => T): T {
  return useStore(useShowClient().store, selector);
}

/** The cue that is live now, or null before the first GO. */
export function useCurrentCue(): Cue | null {
  return useShow((s) =>
    s.show && s.show.cueIndex >= 0 ? (s.scenario?.cues[s.show.cueIndex] ?? null) : null,
  );
}
