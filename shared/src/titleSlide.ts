import type { Ceremony, Cue } from './domain.js';

/**
 * What a title slide shows: the ceremony's own title, edited once for every screen, badge and
 * report (the cue's title is only the host's label for it in the run of show), and the cue's
 * subtitle when it has one, else the ceremony's: a second title slide may greet with «Спасибо, до
 * встречи!» under the same name. The projector and the host's miniature both draw from this.
 */
export function titleSlideText(
  ceremony: Pick<Ceremony, 'title' | 'subtitle'>,
  cue: Pick<Extract<Cue, { kind: 'title' }>, 'subtitle'>,
): { title: string; subtitle: string | null } {
  return { title: ceremony.title, subtitle: cue.subtitle || ceremony.subtitle || null };
}
