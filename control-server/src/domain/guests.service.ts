import crypto from 'node:crypto';
import {
  GuestSchema,
  isBadgeCode,
  linkGuestToNominee,
  compareNames,
  findGuests,
  refusal,
  lineError,
  words,
  newBadgeCode,
  type Guest,
  type GuestCategory,
  type GuestField,
  type GuestListing,
  type ImportMapping,
  type Answer,
  type Failure,
  type ImportReport,
  type Scenario,
  type Words,
} from '@ceremony/shared';
import type { GuestChange, GuestsRepository } from '../store/guests.repository.js';
import type { EveningPart } from '../store/postgres/mirror.js';
import { commitOrRefuse, localWrites, type Decision, type Writes } from '../store/writes.js';
import {
  NO,
  YES,
  columnProblems,
  foldCell as fold,
  mapColumns,
  rowFields,
  rowInvalid,
  type Sheet,
  type SheetProblem,
} from './guests.import.js';
import { readSpreadsheet } from './guests.xlsx.js';

export type { ImportReport } from '@ceremony/shared';

// A Map, so a category cell «constructor» is an unknown category, not Object.prototype's member.
const CATEGORIES = new Map<string, GuestCategory>([
  ['номинант', 'nominee'],
  ['лауреат', 'honoured'],
  ['награждаемый', 'honoured'],
  ['награжденный', 'honoured'],
  ['официальный гость', 'official'],
  ['официальное лицо', 'official'],
  ['почетный гость', 'official'],
  ['гость', 'guest'],
  ['пресса', 'press'],
  ['сми', 'press'],
  ['волонтер', 'volunteer'],
]);
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PREVIEW_ROWS = 20;

export const randomBadgeCode = () => newBadgeCode((n) => crypto.randomBytes(n));

/**
 * What the record keeps of an undo token: its SHA-256. The token is 96 random bits, so a plain hash
 * cannot be walked back, and a copy of the database (or a hub's SQLite copy) holds nothing that undoes.
 */
const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');
const sameHash = (a: string, b: string) =>
  a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * A new guest's id: random. It used to be a hash of the name and organisation, which anyone with a
 * list of candidate names could recompute and so re-identify the guests after the purge.
 */
export const randomGuestId = () => `g-${crypto.randomBytes(8).toString('hex')}`;

/** Who a row is, for matching a re-imported list to the guests already here (case and «ё» folded). */
const personKey = (name: string, organisation = '') => `${fold(name)}|${fold(organisation)}`;

export interface ImportOptions {
  mapping?: ImportMapping;
  dryRun?: boolean;
  /** Remove guests missing from the file (who have not arrived): the file is the whole list. */
  replace?: boolean;
}

/** The guest list: listing, search, badges, and importing the organiser's spreadsheet all or nothing. */
export class GuestsService {
  constructor(
    private readonly repo: GuestsRepository,
    private readonly clock: () => number,
    /** The evening's scenario, to match nomination titles and nominee ids. */
    private readonly scenario: () => Scenario | null = () => null,
    /** Where the list's changes commit: this SQLite file, or PostgreSQL first with other hubs. */
    private readonly writes: Writes<GuestChange> = localWrites(repo),
  ) {}

  /** Every guest in Russian alphabetical order (SQLite's own order puts «Ёлкин» before «Алексеев»). */
  list(): Guest[] {
    return this.repo.all().sort((a, b) => compareNames(a.name, b.name));
  }

  /** Finds guests by any part of their name or organisation; best matches first, at most `limit`. */
  search(query: string, limit = 20): GuestListing[] {
    return findGuests(this.repo.listings(), query, limit);
  }

  /**
   * Revokes the guest's badge (lost, or handed to the wrong person) and issues a new code. The undo
   * is recorded with it, in the same transaction (in PostgreSQL first with other hubs), by its
   * token's hash: the admin may ask any hub to undo, also after this one stopped.
   */
  async reissueBadge(guestId: string): Promise<Answer<{ badgeCode: string; undoToken: string }>> {
    const at = this.clock();
    const badgeCode = randomBadgeCode();
    const undoToken = crypto.randomBytes(12).toString('base64url');
    const oldCode = await this.write<string | null>(() => {
      const guest = this.repo.byId(guestId);
      if (!guest) return { answer: null, changes: [] };
      const reissue: GuestChange = {
        kind: 'reissue',
        guestId,
        oldCode: guest.badgeCode,
        newCode: badgeCode,
        now: at,
        tokenHash: tokenHash(undoToken),
      };
      return { answer: guest.badgeCode, changes: [reissue] };
    });
    if (oldCode === null) return refusal('NOT_FOUND', 'error.guestNotFound');
    if (typeof oldCode !== 'string') return oldCode;
    return { ok: true, badgeCode, undoToken };
  }

  /**
   * Takes a reissue back: the printed badge works again. Only while the new code has been neither
   * printed (its badge page fetched) nor scanned on any hub; after that two badges would be in play.
   * Decided under the guest list's lock with the scans and visits held and copied too, so of two
   * hubs asked at once one undoes and the other finds the record gone, and a scan either counts
   * here or comes after (and finds the old code back).
   */
  async undoReissue(guestId: string, undoToken: string): Promise<Answer<{ badgeCode: string }>> {
    const now = this.clock();
    const asked = tokenHash(undoToken);
    return this.write<Answer<{ badgeCode: string }>>(() => {
      const r = this.repo.openReissue(guestId);
      if (!r || !sameHash(r.tokenHash, asked))
        return { answer: refusal('NOT_FOUND', 'error.reissueUndoGone'), changes: [] };
      // Refused for good: the record goes, as a second try would be refused the same way.
      const final: GuestChange[] = [{ kind: 'reissuesFinal', badges: [{ guestId, code: r.newCode }] }];
      if (this.repo.codeUsedSince(guestId, r.newCode, r.reissuedAt))
        return { answer: refusal('CONFLICT', 'error.reissueScanned'), changes: final };
      if (this.repo.byId(guestId)?.badgeCode !== r.newCode)
        return { answer: refusal('CONFLICT', 'error.reissueCodeChanged'), changes: final };
      const undo: GuestChange = { kind: 'undoReissue', guestId, oldCode: r.oldCode, newCode: r.newCode, now };
      return { answer: { ok: true, badgeCode: r.oldCode }, changes: [undo] };
    }, ['checkins', 'stations']);
  }

  /**
   * These badges are being printed: a reissue whose new code is among them is final. Committed before
   * the page is served (a refusal when the database is away: the page would put a second badge in
   * play). Writes nothing when none of them has an open reissue, the usual case.
   */
  async badgesPrinted(printed: readonly Guest[]): Promise<Failure | null> {
    const open = new Map(this.repo.openReissues().map((r) => [r.guestId, r.newCode]));
    const badges = printed
      .filter((g) => open.get(g.id) === g.badgeCode)
      .map((g) => ({ guestId: g.id, code: g.badgeCode }));
    if (badges.length === 0) return null;
    return this.write(() => ({ answer: null, changes: [{ kind: 'reissuesFinal', badges }] }));
  }

  /**
   * Reads the spreadsheet's bytes: an Excel workbook, or CSV in any of the encodings Excel writes.
   * A file that is neither is INVALID_PAYLOAD and changes nothing.
   */
  async importFile(bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportReport | Failure> {
    const sheet = await readSpreadsheet(bytes);
    if ('ok' in sheet) return sheet;
    // The checks and the write see the same guest list: decided and written in one transaction.
    return this.write(() => this.checkSheet(sheet, opts));
  }

  /** Commits a decision over the guest list; the shared database away is a clear refusal. */
  private write<T>(
    decide: () => Decision<T, GuestChange>,
    reading: readonly EveningPart[] = [],
  ): Promise<T | Failure> {
    return commitOrRefuse(this.writes, decide, 'guests', reading);
  }

  /** Checks every row; all of them are written together, or nothing when any row is bad or it is a dry run. */
  private checkSheet(sheet: Sheet | SheetProblem, opts: ImportOptions): Decision<ImportReport, GuestChange> {
    const empty = {
      ok: true as const,
      dryRun: opts.dryRun ?? false,
      rows: 0,
      created: 0,
      updated: 0,
      removed: 0,
      preview: [],
    };
    if ('message' in sheet) {
      const { format, ...problem } = sheet;
      const answer = {
        ...empty,
        format: format ?? 'csv',
        columns: [],
        unknownHeaders: [],
        errors: [problem],
      };
      return { answer, changes: [] };
    }
    const { columns, unknownHeaders } = mapColumns(sheet.headers, opts.mapping);
    const { format, encoding, delimiter } = sheet;
    const head = { ...empty, format, encoding, delimiter, columns, unknownHeaders };
    const problems = columnProblems(columns);
    if (problems.length) return { answer: { ...head, errors: problems }, changes: [] };

    const errors: ImportReport['errors'] = [...(sheet.problems ?? [])];
    const guests: Guest[] = [];
    const lines: number[] = [];
    const byKey = new Map<string, number>();
    const byCode = new Map<string, number>();
    // A row without an id column is the guest already here with the same name and organisation.
    const here = new Map(this.repo.all().map((g) => [personKey(g.name, g.organisation), g]));
    for (const { line, cells } of sheet.rows) {
      const fields = rowFields(columns, cells);
      const result = this.toGuest(fields, here);
      if ('reason' in result) {
        errors.push({ line, ...result });
        continue;
      }
      const key = fields.id ?? personKey(result.name, result.organisation);
      const dup = byKey.get(key);
      if (dup !== undefined) {
        const same = rowFields(columns, cells).id ? 'error.import.sameId' : 'error.import.samePerson';
        errors.push(lineError(line, same, { first: dup }));
        continue;
      }
      const codeDup = byCode.get(result.badgeCode);
      if (codeDup !== undefined) {
        errors.push(lineError(line, 'error.import.badgeCodeRepeated', { first: codeDup }));
        continue;
      }
      byKey.set(key, line);
      byCode.set(result.badgeCode, line);
      guests.push(result);
      lines.push(line);
    }
    const { links, ambiguous } = this.linkNominees(guests, lines);
    errors.sort((a, b) => a.line - b.line);
    const report = {
      ...head,
      rows: sheet.rows.length + (sheet.problems?.length ?? 0),
      errors,
      preview: guests.slice(0, PREVIEW_ROWS),
      links,
      ambiguous,
    };
    if (errors.length) return { answer: report, changes: [] };
    if (sheet.rows.length === 0)
      return { answer: { ...report, errors: [lineError(2, 'error.import.noGuests')] }, changes: [] };
    const plan = this.repo.planUpsert(guests, this.clock(), opts.replace ?? false);
    return { answer: { ...report, ...plan.counts }, changes: opts.dryRun ? [] : plan.changes };
  }

  /**
   * Links nominee and honoured guests without a nominee code to the nominee they are (a citizen by
   * name, an organisation by its leader), in place. A link the organiser made before is kept; two
   * matching nominees are reported, never guessed between.
   */
  private linkNominees(guests: Guest[], lines: number[]): Pick<ImportReport, 'links' | 'ambiguous'> {
    const links: NonNullable<ImportReport['links']> = [];
    const ambiguous: NonNullable<ImportReport['ambiguous']> = [];
    const nominees = this.scenario()?.nominees ?? [];
    guests.forEach((g, i) => {
      if (g.nomineeId) return;
      const before = this.repo.byId(g.id)?.nomineeId;
      if (before && nominees.some((n) => n.id === before)) return void (g.nomineeId = before);
      const line = lines[i]!;
      const found = linkGuestToNominee(g, nominees);
      if (found.kind === 'linked') {
        g.nomineeId = found.nominee.id;
        links.push({ line, guest: g.name, nomineeId: found.nominee.id, nominee: found.nominee.name });
      } else if (found.kind === 'ambiguous')
        ambiguous.push({
          line,
          guest: g.name,
          candidates: found.candidates.map(({ id, name }) => ({ id, name })),
        });
    });
    return { links, ambiguous };
  }

  /** One row's fields as a guest, or the reason it cannot be one (dictionary words the import screen says). */
  private toGuest(raw: Partial<Record<GuestField, string>>, here: ReadonlyMap<string, Guest>): Guest | Words {
    if (!raw.name) return words('error.import.emptyName');
    if (!raw.category) return words('error.import.emptyCategory');
    const category =
      CATEGORIES.get(fold(raw.category)) ?? GuestSchema.shape.category.safeParse(raw.category).data;
    if (!category) return words('error.import.unknownCategory', { value: raw.category });
    const consentText = fold(raw.consent ?? '');
    if (consentText && !YES.has(consentText) && !NO.has(consentText))
      return words('error.import.consentYesNo', { value: raw.consent ?? '' });
    if (raw.email && !EMAIL.test(raw.email)) return words('error.import.badEmail', { value: raw.email });
    if (raw.phone && !/^[\d\s()+\-.–]{5,30}$/.test(raw.phone))
      return words('error.import.badPhone', { value: raw.phone });
    const scenario = this.scenario();
    if (raw.nomineeId && scenario && !scenario.nominees.some((n) => n.id === raw.nomineeId))
      return words('error.import.nomineeUnknown', { id: raw.nomineeId });
    const existing = raw.id
      ? this.repo.byId(raw.id)
      : (here.get(personKey(raw.name, raw.organisation)) ?? null);
    const id = raw.id ?? existing?.id ?? randomGuestId();
    const badgeCode = raw.badgeCode?.toUpperCase() ?? existing?.badgeCode ?? randomBadgeCode();
    if (raw.badgeCode) {
      if (!isBadgeCode(badgeCode)) return words('error.import.badgeCodeFormat', { value: raw.badgeCode });
      const owner = this.repo.byBadgeCode(badgeCode);
      if ((owner && owner.id !== id) || this.repo.revokedOwner(badgeCode))
        return words('error.import.badgeCodeTaken', { value: raw.badgeCode });
    }
    const nomination = raw.nomination
      ? (scenario?.nominations.find((n) => fold(n.title) === fold(raw.nomination!))?.title ?? raw.nomination)
      : undefined;
    const parsed = GuestSchema.safeParse({
      ...raw,
      id,
      category,
      nomination,
      consent: YES.has(consentText),
      // A badge already printed keeps its code when the list is imported again.
      badgeCode: existing && !raw.badgeCode ? existing.badgeCode : badgeCode,
    });
    if (!parsed.success) return rowInvalid(parsed.error);
    return parsed.data;
  }
}
