import { createContext, useContext } from 'react';

export type PrepareSection =
  'ceremony' | 'nominations' | 'nominees' | 'media' | 'program' | 'readiness' | 'transfer';

/** What a section should show first when it is opened from elsewhere (a readiness line's «Исправить»). */
export interface PrepareFocus {
  nomineeId?: string;
  nominationId?: string;
  media?: string;
}

export interface PrepareNav {
  open(section: PrepareSection, focus?: PrepareFocus): void;
  focus: PrepareFocus;
  /** Opens the «Настройка» tab on this cue (cues are edited there). */
  openCue(cueId: string): void;
}

export const PrepareNavContext = createContext<PrepareNav>({
  open: () => undefined,
  focus: {},
  openCue: () => undefined,
});

/** The preparing tab's navigation, for a section that links to another. */
export const usePrepareNav = (): PrepareNav => useContext(PrepareNavContext);
