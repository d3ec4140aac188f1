import { useEffect } from 'react';

/** Runs `read` now and every `ms` while the screen is shown: admin screens follow the server without a reload. */
export function usePoll(read: () => Promise<void>, ms = 5000): void {
  useEffect(() => {
    void read();
    const timer = setInterval(() => void read(), ms);
    return () => clearInterval(timer);
  }, [read, ms]);
}
