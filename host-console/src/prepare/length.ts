import type { Translate } from '@ceremony/shared/ui';

/**
 * A length of the evening in words, «2 ч 41 мин», never «2:41»: beside the wall clock a colon
 * reads as a time of day. Rounded to the minute; under a minute in seconds.
 */
export function formatLength(t: Translate, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('prepare.length.s', { s });
  const minutes = Math.round(s / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? t('prepare.length.hm', { h, m }) : t('prepare.length.m', { m });
}
