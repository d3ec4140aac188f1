import crypto from 'node:crypto';
import { parse } from 'csv-parse/sync';
import {
  GuestSchema,
  matchRank,
  matchesQuery,
  newBadgeCode,
  type Guest,
  type GuestCategory,
  type GuestListing,
} from '@ceremony/shared';
import type { GuestsRepository } from '../store/guests.repository.js';

export interface ImportReport {
  ok: true;
  created: number;
  updated: number;
  errors: { line: number; message: string }[];
}

const HEADERS: Record<string, keyof Guest> = {
  id: 'id',
  name: 'name',
  фио: 'name',
  category: 'category',
  категория: 'category',
  organisation: 'organisation',
  organization: 'organisation',
  организация: 'organisation',
  seat: 'seat',
  место: 'seat',
  nomineeid: 'nomineeId',
  номинант: 'nomineeId',
  consent: 'consent',
  согласие: 'consent',
  phone: 'phone',
  телефон: 'phone',
  email: 'email',
  'e-mail': 'email',
  badgecode: 'badgeCode',
  'код бейджа': 'badgeCode',
};

const CATEGORIES: Record<string, GuestCategory> = {
  номинант: 'nominee',
  лауреат: 'honoured',
  награждаемый: 'honoured',
  'официальный гость': 'official',
  'официальное лицо': 'official',
  гость: 'guest',
  пресса: 'press',
  сми: 'press',
  волонтёр: 'volunteer',
  волонтер: 'volunteer',
};

const YES = new Set(['1', 'да', 'yes', 'true', '+', 'y']);

export const randomBadgeCode = () => newBadgeCode((n) => crypto.randomBytes(n));

/** A stable key for a guest without an id column, so re-importing the same list updates, never duplicates. */
const derivedId = (name: string, organisation = '') =>
  'g-' +
  crypto
    .createHash('sha1')
    .update(`${name.trim().toLowerCase().replace(/ё/g, 'е')}|${organisation.trim().toLowerCase()}`)
    .digest('hex')
    .slice(0, 12);

/** The guest list: listing, and importing the organiser's CSV all or nothing. */
export class GuestsService {
  constructor(
    private readonly repo: GuestsRepository,
    private readonly clock: () => number,
  ) {}

  list(): Guest[] {
    return this.repo.all();
  }

  /** Finds guests by any part of their name or organisation; best matches first, at most `limit`. */
  search(query: string, limit = 20): GuestListing[] {
    const text = (g: GuestListing) => `${g.name} ${g.organisation ?? ''}`;
    return this.repo
      .listings()
      .filter((g) => matchesQuery(query, text(g)))
      .sort((a, b) => matchRank(query, text(a)) - matchRank(query, text(b)))
      .slice(0, limit);
  }

  /** Revokes the guest's badge (lost, or handed to the wrong person) and issues a new code. */
  reissueBadge(guestId: string): string | null {
    return this.repo.reissueBadge(guestId, randomBadgeCode(), this.clock());
  }

  importCsv(text: string): ImportReport {
    const errors: ImportReport['errors'] = [];
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = parse(text.replace(/^\uFEFF/, ''), {
        delimiter: [',', ';'],
        info: true,
        relax_column_count: true,
        skip_empty_lines: true,
      }) as unknown as { record: string[]; info: { lines: number } }[];
    } catch (err) {
      const line = (err as { lines?: number }).lines ?? 1;
      return { ok: true, created: 0, updated: 0, errors: [{ line, message: (err as Error).message }] };
    }
    const [head, ...rows] = records;
    if (!head) return { ok: true, created: 0, updated: 0, errors: [{ line: 1, message: 'Файл пуст.' }] };
    const columns = head.record.map((h) => HEADERS[h.trim().toLowerCase()]);
    if (!columns.includes('name')) errors.push({ line: 1, message: 'Нет столбца «ФИО» (name).' });
    if (!columns.includes('category'))
      errors.push({ line: 1, message: 'Нет столбца «Категория» (category).' });
    if (errors.length) return { ok: true, created: 0, updated: 0, errors };

    const guests: Guest[] = [];
    const seen = new Map<string, number>();
    for (const { record, info } of rows) {
      const raw: Record<string, string> = {};
      columns.forEach((c, i) => {
        const v = record[i]?.trim();
        if (c && v) raw[c] = v;
      });
      const id = raw.id ?? derivedId(raw.name ?? '', raw.organisation);
      const category = raw.category ? (CATEGORIES[raw.category.toLowerCase()] ?? raw.category) : undefined;
      const parsed = GuestSchema.safeParse({
        ...raw,
        id,
        category,
        consent: YES.has((raw.consent ?? '').toLowerCase()),
        badgeCode: raw.badgeCode ?? this.repo.byId(id)?.badgeCode ?? randomBadgeCode(),
      });
      if (!parsed.success) {
        const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        errors.push({ line: info.lines, message: msg });
        continue;
      }
      const dup = seen.get(id);
      if (dup !== undefined) {
        errors.push({ line: info.lines, message: `Повтор гостя из строки ${dup} (ключ ${id}).` });
        continue;
      }
      seen.set(id, info.lines);
      guests.push(parsed.data);
    }
    if (errors.length) return { ok: true, created: 0, updated: 0, errors };
    return { ok: true, ...this.repo.upsertMany(guests, this.clock()), errors: [] };
  }
}
