import {
  cuesOfNomination,
  cuesShowingNominee,
  refusal,
  type Answer,
  type Failure,
  type Nomination,
  type Nominee,
  type NomineeImportReport,
  type NomineeInput,
  type NomineeListing,
  type Scenario,
  type ShowState,
} from '@ceremony/shared';
import type { z } from 'zod';
import type { NominationInputSchema } from '@ceremony/shared';
import type { GuestsRepository } from '../store/guests.repository.js';
import type { ShowService } from './show.service.js';
import { readSpreadsheet } from './guests.xlsx.js';
import { planNomineeImport } from './nominees.import.js';

/**
 * The organiser's nominations and nominees: every change is a scenario edit through ShowService
 * (checked, committed with the next revision, broadcast). Guest links live on the guest list.
 */

type NominationInput = z.infer<typeof NominationInputSchema>;
type Changed = Promise<Answer<{ state: ShowState }>>;

/** Names for a refusal: the first few, then how many more (a count, not words: the words are the app's). */
const names = (list: string[]) =>
  list.length <= 3 ? list.join(', ') : `${list.slice(0, 3).join(', ')} … +${list.length - 3}`;

/** The next free id of the shape `prefix-N` (nom-8, n-126): latin, readable, never reused while taken. */
export function nextId(prefix: string, taken: Iterable<string>): string {
  const ids = new Set(taken);
  let n = 0;
  for (const id of ids) {
    const m = new RegExp(`^${prefix}-(\\d+)$`).exec(id);
    if (m) n = Math.max(n, Number(m[1]));
  }
  while (ids.has(`${prefix}-${n + 1}`)) n++;
  return `${prefix}-${n + 1}`;
}

export class NomineesService {
  constructor(
    private readonly show: ShowService,
    private readonly guests: GuestsRepository,
    private readonly clock: () => number,
  ) {}

  private get scenario(): Scenario {
    return this.show.snapshot().scenario;
  }

  /** Every nominee with the guest who stands for it and the cues that show it. */
  list(): NomineeListing[] {
    const { nominees, cues } = this.scenario;
    const byNominee = new Map<string, NomineeListing['guest']>();
    for (const g of this.guests.listings())
      if (g.nomineeId && !byNominee.has(g.nomineeId))
        byNominee.set(g.nomineeId, { id: g.id, name: g.name, arrived: g.arrivedAt !== null });
    return nominees.map((nominee) => ({
      nominee,
      guest: byNominee.get(nominee.id) ?? null,
      cueIds: cuesShowingNominee(cues, nominee.id),
    }));
  }

  // ------------------------------------------------------------ nominations

  async addNomination(
    input: NominationInput,
    deviceId: string,
  ): Promise<Answer<{ nomination: Nomination; state: ShowState }>> {
    const nomination = {
      id: nextId(
        'nom',
        this.scenario.nominations.map((n) => n.id),
      ),
      ...input,
    };
    const answer = await this.show.editScenario(
      (s) => ({ ...s, nominations: [...s.nominations, nomination] }),
      deviceId,
      { type: 'nomination:add', nominationId: nomination.id },
    );
    return answer.ok ? { ...answer, nomination } : answer;
  }

  updateNomination(id: string, input: NominationInput, deviceId: string): Changed {
    return this.show.editScenario(
      (s) =>
        s.nominations.some((n) => n.id === id)
          ? { ...s, nominations: s.nominations.map((n) => (n.id === id ? { ...n, ...input } : n)) }
          : refusal('NOT_FOUND', 'error.nominationNotFound'),
      deviceId,
      { type: 'nomination:update', nominationId: id },
    );
  }

  /** Refused while nominees or cues use the nomination: the refusal names them, nothing is cascaded away. */
  removeNomination(id: string, deviceId: string): Changed {
    return this.show.editScenario(
      (s) => {
        const nomination = s.nominations.find((n) => n.id === id);
        if (!nomination) return refusal('NOT_FOUND', 'error.nominationNotFound');
        const nominees = s.nominees.filter((n) => n.nominationId === id).map((n) => n.name);
        const cues = cuesOfNomination(s.cues, id).map((c) => c.title);
        const title = nomination.title;
        if (nominees.length && cues.length)
          return refusal('CONFLICT', 'error.nominationInUse', {
            title,
            n: nominees.length,
            nominees: names(nominees),
            cueCount: cues.length,
            cues: names(cues),
          });
        if (nominees.length)
          return refusal('CONFLICT', 'error.nominationHasNominees', {
            title,
            n: nominees.length,
            nominees: names(nominees),
          });
        if (cues.length)
          return refusal('CONFLICT', 'error.nominationHasCues', { title, n: cues.length, cues: names(cues) });
        return { ...s, nominations: s.nominations.filter((n) => n.id !== id) };
      },
      deviceId,
      { type: 'nomination:remove', nominationId: id },
    );
  }

  /** The nominations in a new order: exactly the current ids, each once. */
  orderNominations(ids: string[], deviceId: string): Changed {
    return this.show.editScenario(
      (s) => {
        const current = s.nominations.map((n) => n.id);
        const same =
          ids.length === current.length &&
          new Set(ids).size === ids.length &&
          ids.every((i) => current.includes(i));
        if (!same) return refusal('INVALID_PAYLOAD', 'error.nominationOrder');
        return { ...s, nominations: ids.map((i) => s.nominations.find((n) => n.id === i)!) };
      },
      deviceId,
      { type: 'nominations:order' },
    );
  }

  // ------------------------------------------------------------ nominees

  private nominationProblem(s: Scenario, nominationId: string): Failure | null {
    return s.nominations.some((n) => n.id === nominationId)
      ? null
      : refusal('INVALID_PAYLOAD', 'error.nominationCodeUnknown', { id: nominationId });
  }

  async addNominee(
    input: NomineeInput,
    deviceId: string,
  ): Promise<Answer<{ nominee: Nominee; state: ShowState }>> {
    const s0 = this.scenario;
    const id =
      input.id ??
      nextId(
        'n',
        s0.nominees.map((n) => n.id),
      );
    const nominee: Nominee = { ...input, id };
    const answer = await this.show.editScenario(
      (s) => {
        if (s.nominees.some((n) => n.id === id)) return refusal('CONFLICT', 'error.nomineeCodeTaken', { id });
        return (
          this.nominationProblem(s, nominee.nominationId) ?? { ...s, nominees: [...s.nominees, nominee] }
        );
      },
      deviceId,
      { type: 'nominee:add', nomineeId: id },
    );
    return answer.ok ? { ...answer, nominee } : answer;
  }

  updateNominee(id: string, input: NomineeInput, deviceId: string): Changed {
    return this.show.editScenario(
      (s) => {
        if (!s.nominees.some((n) => n.id === id)) return refusal('NOT_FOUND', 'error.nomineeNotFound');
        if (input.id !== undefined && input.id !== id)
          return refusal('INVALID_PAYLOAD', 'error.nomineeCodeFixed');
        return (
          this.nominationProblem(s, input.nominationId) ?? {
            ...s,
            nominees: s.nominees.map((n) => (n.id === id ? { ...input, id } : n)),
          }
        );
      },
      deviceId,
      { type: 'nominee:update', nomineeId: id },
    );
  }

  /** Refused while a cue shows the nominee (the refusal names the cues); its guest is unlinked. */
  async removeNominee(id: string, deviceId: string): Changed {
    const answer = await this.show.editScenario(
      (s) => {
        const nominee = s.nominees.find((n) => n.id === id);
        if (!nominee) return refusal('NOT_FOUND', 'error.nomineeNotFound');
        const cues = cuesShowingNominee(s.cues, id).map((c) => s.cues.find((x) => x.id === c)!.title);
        if (cues.length)
          return refusal('CONFLICT', 'error.nomineeShown', {
            name: nominee.name,
            n: cues.length,
            cues: names(cues),
          });
        return { ...s, nominees: s.nominees.filter((n) => n.id !== id) };
      },
      deviceId,
      { type: 'nominee:remove', nomineeId: id },
    );
    if (answer.ok) this.guests.unlinkNominees([id], this.clock());
    return answer;
  }

  /** The organiser's choice of the guest who is this nominee in the hall (null: nobody). */
  linkGuest(nomineeId: string, guestId: string | null): Answer<{ listing: NomineeListing }> {
    if (!this.scenario.nominees.some((n) => n.id === nomineeId))
      return refusal('NOT_FOUND', 'error.nomineeNotFound');
    if (guestId !== null && !this.guests.byId(guestId)) return refusal('NOT_FOUND', 'error.guestNotFound');
    this.guests.linkNominee(nomineeId, guestId, this.clock());
    return { ok: true, listing: this.list().find((l) => l.nominee.id === nomineeId)! };
  }

  // ------------------------------------------------------------ import

  /**
   * The organiser's nominee spreadsheet (CSV or .xlsx, told by its bytes): all rows or none, in one
   * scenario commit. A dry run answers exactly what the real one would do and writes nothing.
   */
  async importFile(
    bytes: Uint8Array,
    opts: { dryRun: boolean; replace: boolean },
    deviceId: string | null,
  ): Promise<NomineeImportReport | Failure> {
    const sheet = await readSpreadsheet(bytes);
    if ('ok' in sheet) return sheet;
    // No await until the write: the plan and the write see the same scenario (on another hub's
    // change meanwhile, the write still replaces the nominees with the plan, as a re-import would).
    const base = { ok: true as const, dryRun: opts.dryRun, rows: 0, created: 0, updated: 0, removed: 0 };
    if ('message' in sheet) {
      const { format, ...problem } = sheet;
      return {
        ...base,
        format: format ?? 'csv',
        columns: [],
        unknownHeaders: [],
        preview: [],
        errors: [problem],
      };
    }
    const plan = planNomineeImport(sheet, this.scenario, opts.replace, (taken) => nextId('n', taken));
    const report: NomineeImportReport = {
      ...base,
      format: sheet.format,
      ...(sheet.encoding ? { encoding: sheet.encoding } : {}),
      ...(sheet.delimiter ? { delimiter: sheet.delimiter } : {}),
      columns: plan.columns,
      unknownHeaders: plan.unknownHeaders,
      rows: sheet.rows.length + (sheet.problems?.length ?? 0),
      // Lines the reader could not take apart are errors too, in file order with the rows' own.
      errors: [...(sheet.problems ?? []), ...plan.errors].sort((a, b) => a.line - b.line),
      preview: plan.preview,
    };
    if (report.errors.length) return report;
    const counts = { created: plan.created, updated: plan.updated, removed: plan.removed.length };
    if (opts.dryRun) return { ...report, ...counts };
    const written = await this.show.editScenario((s) => ({ ...s, nominees: plan.nominees }), deviceId, {
      type: 'nominees:import',
      ...counts,
    });
    if (!written.ok) return written;
    this.guests.unlinkNominees(plan.removed, this.clock());
    return { ...report, ...counts };
  }
}
