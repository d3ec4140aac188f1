import { useEffect, useState } from 'react';
import { loadHubs, pairDevice, saveHubs, saveSession, type Session } from '../client/session.js';
import type { Role } from '../events/index.js';
import { hubsInPairingLink, mergeHubs, PAIRING_HUBS_PARAM } from '../hubMove.js';

// One exchange per code even when React runs an effect twice: the code works only once.
const exchanges = new Map<string, ReturnType<typeof pairDevice>>();

function pairingCodeInUrl(): string | null {
  if (typeof window === 'undefined') return null;
  return new URLSearchParams(window.location.search).get('pair');
}

/** Every hub's address the link carries (`?hubs=…`), read once with the code. */
function hubsInUrl(): string[] {
  return typeof window === 'undefined' ? [] : hubsInPairingLink(window.location.search);
}

/** Takes `?pair=CODE` (and the hubs beside it) out of the address, so a reload or a shared link never reuses it. */
function forgetPairingCode(): void {
  const url = new URL(window.location.href);
  url.searchParams.delete('pair');
  url.searchParams.delete(PAIRING_HUBS_PARAM);
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

/**
 * Signs the device in from the admin's pairing QR (`/<app>/?pair=CODE&hubs=…`): the code is
 * exchanged once for a role token, saved like a PIN session with every hub's address, and removed
 * from the address.
 */
export function usePairing(
  app: string,
  allowedRoles: readonly Role[] | undefined,
  onSignedIn: (session: Session) => void,
): { pairing: boolean; failed: boolean } {
  const [code, setCode] = useState(pairingCodeInUrl);
  const [hubs] = useState(hubsInUrl);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!code) return;
    forgetPairingCode();
    let exchange = exchanges.get(code);
    if (!exchange) exchanges.set(code, (exchange = pairDevice(code)));
    let live = true;
    void exchange.then((answer) => {
      if (!live) return;
      setCode(null);
      if (!answer.ok || (allowedRoles && !allowedRoles.includes(answer.role))) return setFailed(true);
      // The hubs ride with the token: the client knows them before it first reaches a hub.
      const session = { token: answer.token, role: answer.role, ...(hubs.length > 0 ? { hubs } : {}) };
      saveSession(app, session);
      saveHubs(mergeHubs(hubs, loadHubs()));
      onSignedIn(session);
    });
    return () => {
      live = false;
    };
  }, [code, hubs, app, allowedRoles, onSignedIn]);
  return { pairing: code !== null, failed };
}
