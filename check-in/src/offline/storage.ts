import type { DirectoryGuest } from '@ceremony/shared';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { QueuedScan } from './queue.js';

interface CheckinDb extends DBSchema {
  directory: { key: string; value: DirectoryGuest };
  queue: { key: string; value: QueuedScan };
  meta: { key: string; value: number };
}

/**
 * The phone's own copy of what it needs with the Wi-Fi down: the guest directory and the queue of
 * scans admitted offline. IndexedDB survives a reload and the browser being closed.
 */
export interface CheckinStorage {
  directory(): Promise<DirectoryGuest[]>;
  /** Replaces the whole directory (a fresh copy from the server) and remembers when it was read. */
  saveDirectory(guests: readonly DirectoryGuest[], at: number): Promise<void>;
  directoryAt(): Promise<number | null>;
  queue(): Promise<QueuedScan[]>;
  /** Queues a scan and marks the guest arrived in the directory, in one transaction. */
  enqueue(scan: QueuedScan): Promise<void>;
  dequeue(scanId: string): Promise<void>;
  /** Sets (or with null clears) a guest's arrival in the directory. */
  markArrived(guestId: string, at: number | null): Promise<void>;
}

/** Opens (and on first use creates) the phone's check-in database. */
export async function openStorage(name = 'ceremony-checkin'): Promise<CheckinStorage> {
  const db: IDBPDatabase<CheckinDb> = await openDB<CheckinDb>(name, 1, {
    upgrade(d) {
      d.createObjectStore('directory', { keyPath: 'id' });
      d.createObjectStore('queue', { keyPath: 'scanId' });
      d.createObjectStore('meta');
    },
  });

  return {
    directory: () => db.getAll('directory'),
    async saveDirectory(guests, at) {
      const tx = db.transaction(['directory', 'meta'], 'readwrite');
      const store = tx.objectStore('directory');
      await store.clear();
      await Promise.all([...guests.map((g) => store.put(g)), tx.objectStore('meta').put(at, 'directoryAt')]);
      await tx.done;
    },
    directoryAt: async () => (await db.get('meta', 'directoryAt')) ?? null,
    queue: () => db.getAll('queue'),
    async enqueue(scan) {
      const tx = db.transaction(['queue', 'directory'], 'readwrite');
      await tx.objectStore('queue').put(scan);
      const store = tx.objectStore('directory');
      const guest = await store.get(scan.guestId);
      if (guest) await store.put({ ...guest, arrivedAt: scan.scannedAt });
      await tx.done;
    },
    dequeue: (scanId) => db.delete('queue', scanId),
    async markArrived(guestId, at) {
      const tx = db.transaction('directory', 'readwrite');
      const guest = await tx.store.get(guestId);
      if (guest) await tx.store.put({ ...guest, arrivedAt: at });
      await tx.done;
    },
  };
}
