import { useEffect } from 'react';
import { useShow } from './ShowClientProvider.js';

/**
 * The browser tab's title: the ceremony's own title, then what this page is («Светлые люди ·
 * Пульт ведущего · Показ»), so a tab among many says which evening it runs. Before the scenario
 * arrives, the page's part alone.
 */
export function usePageTitle(page: string): void {
  const ceremony = useShow((s) => s.scenario?.ceremony.title ?? null);
  useEffect(() => {
    document.title = ceremony ? `${ceremony} · ${page}` : page;
  }, [ceremony, page]);
}
