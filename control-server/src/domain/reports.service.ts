import {
  GuestCategorySchema,
  NomineeKindSchema,
  translate,
  type Figures,
  type Lang,
  type Scenario,
  type Turnout,
} from '@ceremony/shared';
import type { GuestFact, ReportsRepository } from '../store/reports.repository.js';

export interface ReportsDeps {
  repo: ReportsRepository;
  scenario: () => Scenario;
  clock: () => number;
}

/** How wide an arrivals slot is: 5 minutes for an evening, wider when arrivals spread over hours. */
function slotMinutes(first: number, last: number): number {
  const spanMin = (last - first) / 60_000;
  return [5, 10, 15, 30, 60].find((m) => spanMin / m <= 24) ?? 120;
}

function arrivals(facts: GuestFact[]): Figures['arrivals'] {
  const times = facts.flatMap((f) => (f.admittedAt === null ? [] : [f.admittedAt])).sort((a, b) => a - b);
  if (times.length === 0) return { slotMinutes: 5, slots: [] };
  const minutes = slotMinutes(times[0]!, times.at(-1)!);
  const width = minutes * 60_000;
  const start = Math.floor(times[0]! / width) * width;
  const slots = Array.from({ length: Math.floor((times.at(-1)! - start) / width) + 1 }, (_, i) => ({
    at: start + i * width,
    count: 0,
  }));
  for (const t of times) slots[Math.floor((t - start) / width)]!.count++;
  return { slotMinutes: minutes, slots };
}

/** The nomination a guest counts under: the list's column, else their nominee's nomination. */
function nominationTitle(f: GuestFact, scenario: Scenario): string | null {
  if (f.nomination) return f.nomination;
  const nominee = scenario.nominees.find((n) => n.id === f.nomineeId);
  return scenario.nominations.find((n) => n.id === nominee?.nominationId)?.title ?? null;
}

function byNomination(facts: GuestFact[], scenario: Scenario): Turnout[] {
  const groups = new Map<string, Turnout>();
  // The scenario's order first, so the report lists nominations as the evening runs them.
  for (const n of scenario.nominations)
    groups.set(n.title, { key: n.id, label: n.title, expected: 0, arrived: 0 });
  for (const f of facts) {
    const title = nominationTitle(f, scenario);
    if (!title) continue;
    const g = groups.get(title) ?? { key: title, label: title, expected: 0, arrived: 0 };
    g.expected++;
    if (f.admittedAt !== null) g.arrived++;
    groups.set(title, g);
  }
  return [...groups.values()].filter((g) => g.expected > 0);
}

/** Live figures for the admin's dashboard and everything the post-event report is drawn from. */
export class ReportsService {
  constructor(private readonly deps: ReportsDeps) {}

  figures(lang: Lang = 'ru'): Figures {
    const scenario = this.deps.scenario();
    const facts = this.deps.repo.guestFacts();
    const feedback = this.deps.repo.feedback();
    const visits = new Map(this.deps.repo.stationVisits().map((v) => [v.stationId, v]));
    const ratings = feedback.map((f) => f.rating);
    return {
      at: this.deps.clock(),
      ceremonyTitle: scenario.ceremony.title,
      expected: facts.length,
      arrived: facts.filter((f) => f.admittedAt !== null).length,
      byCategory: GuestCategorySchema.options
        .map((key) => {
          const group = facts.filter((f) => f.category === key);
          return {
            key,
            label: translate(lang, `category.${key}`),
            expected: group.length,
            arrived: group.filter((f) => f.admittedAt !== null).length,
          };
        })
        .filter((g) => g.expected > 0),
      byNomination: byNomination(facts, scenario),
      arrivals: arrivals(facts),
      nominees: NomineeKindSchema.options.map((kind) => {
        const of = scenario.nominees.filter((n) => n.kind === kind);
        return { kind, applications: of.length, honoured: of.filter((n) => n.honoured).length };
      }),
      stations: scenario.stations.map((s) => ({
        id: s.id,
        title: s.title,
        visits: visits.get(s.id)?.visits ?? 0,
        guests: visits.get(s.id)?.guests ?? 0,
      })),
      feedback: {
        count: ratings.length,
        average: ratings.length
          ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100
          : null,
        byRating: [1, 2, 3, 4, 5].map((r) => ratings.filter((x) => x === r).length),
        comments: feedback.flatMap((f) => (f.comment?.trim() ? [f.comment.trim()] : [])).slice(-200),
      },
      withoutConsent: facts.filter((f) => !f.consent).length,
    };
  }
}
