import { translate, type Guest, type Lang } from '@ceremony/shared';
import { csvFile } from './csv.js';

/**
 * The guest list as the organiser opens it in Excel. Categories in words («Гость», «Номинант»): the
 * organiser reads this file, and the import takes the same words back.
 */
export function guestsCsv(guests: readonly Guest[], lang: Lang): string {
  const rows = guests.map((g) => [
    g.id,
    g.name,
    translate(lang, `category.${g.category}`),
    g.organisation,
    g.nomination,
    g.seat,
    g.consent ? 'да' : 'нет',
    g.phone,
    g.email,
    g.nomineeId,
    g.badgeCode,
  ]);
  const head = ['ID', 'ФИО', 'Категория', 'Организация', 'Номинация', 'Место', 'Согласие на обработку ПД'];
  return csvFile([[...head, 'Телефон', 'E-mail', 'Номинант', 'Код бейджа'], ...rows]);
}
