import { useShowClient } from '@ceremony/shared/ui';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { openStorage } from '../offline/storage.js';
import { Desk, type DeskState } from './desk.js';

const DeskContext = createContext<Desk | null>(null);

/** Opens the phone's storage and holds one Desk for the signed-in session. */
export function DeskProvider({ children }: { children: ReactNode }) {
  const client = useShowClient();
  const [desk, setDesk] = useState<Desk | null>(null);
  useEffect(() => {
    let created: Desk | null = null;
    let cancelled = false;
    void openStorage().then((storage) => {
      if (cancelled) return;
      created = new Desk(client, storage);
      setDesk(created);
    });
    return () => {
      cancelled = true;
      created?.close();
      setDesk(null);
    };
  }, [client]);
  if (!desk) return null;
  return <DeskContext.Provider value={desk}>{children}</DeskContext.Provider>;
}

/** The desk of this session. */
export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk must be used inside <DeskProvider>');
  return desk;
}

/** Reads one value from the desk's state; the selector must return a single value. */
export function useDeskState<T>(selector: (s: DeskState) => T): T {
  return useStore(useDesk().store, selector);
}
