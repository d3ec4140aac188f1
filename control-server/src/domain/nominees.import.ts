import {
  NomineeSchema,
  cuesShowingNominee,
  lineError,
  mediaUrl,
  words,
  type Nomination,
  type Nominee,
  type NomineeField,
  type Scenario,
  type LineError,
  type Words,
} from '@ceremony/shared';
import { NO, YES, foldCell, normaliseHeader, rowFields, rowInvalid } from './guests.import.js';

/**
 * Reading the nominee spreadsheet's columns and rows (docs/PROTOCOL.md «Nominee import headers»). The
 * file itself is read by the guest import's machinery (guests.import.ts, guests.xlsx.ts); no
 * database here: nominees.service.ts matches the rows against the scenario and writes them.
 */

// A Map, so a header «constructor» or «__proto__» finds nothing (see guests.import.ts).
const HEADERS = new Map<string, NomineeField>();
const known = (field: NomineeField, ...names: string[]) => {
  for (const n of names) HEADERS.set(normaliseHeader(n).replace(/\s*\/\s*/g, ' / '), field);
};
known('name', 'Номинант', 'ФИО / Название');
known('kind', 'Тип');
known('leader', 'Руководитель');
known('nomination', 'Номинация');
known('citation', 'За что');
known('honoured', 'Лауреат');
known('photo', 'Фото');
known('consent', 'Согласие на обработку ПД');

/** The field a header stands for, or null: the protocol's headers only, never a guess. */
export function nomineeFieldFor(header: string): NomineeField | null {
  return HEADERS.get(normaliseHeader(header).replace(/\s*\/\s*/g, ' / ')) ?? null;
}

/** Columns with their fields, unknown headers listed, and what stops the import before any row. */
export function nomineeColumns(headers: string[]) {
  const columns = headers.map((header) => ({ header, field: nomineeFieldFor(header) }));
  const unknownHeaders = headers.filter((h) => h !== '' && nomineeFieldFor(h) === null);
  const problems: LineError[] = [];
  if (!columns.some((c) => c.field === 'name')) problems.push(lineError(1, 'error.import.noNomineeColumn'));
  if (!columns.some((c) => c.field === 'nomination'))
    problems.push(lineError(1, 'error.import.noNominationColumn'));
  const seen = new Set<NomineeField>();
  for (const c of columns) {
    if (!c.field) continue;
    if (seen.has(c.field)) problems.push(lineError(1, 'error.import.twoColumns', { field: c.header }));
    seen.add(c.field);
  }
  return { columns, unknownHeaders, problems };
}

const KINDS = new Map<string, Nominee['kind']>([
  ['организация', 'organisation'],
  ['сонко', 'organisation'],
  ['нко', 'organisation'],
  ['житель', 'citizen'],
  ['гражданин', 'citizen'],
  ['гражданка', 'citizen'],
]);

/** A yes/no cell: true, false, undefined when empty, or null when it is neither. */
function yesNo(text: string | undefined): boolean | undefined | null {
  const v = foldCell(text ?? '');
  if (!v) return undefined;
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return null;
}

/** The match key of a re-import: the name and the nomination, case and «ё» ignored. */
export const nomineeKey = (name: string, nominationId: string) => `${foldCell(name)}|${nominationId}`;

/** A row read: the nominee it makes when new, and which fields the file really gave (an update changes only those). */
export interface NomineeRow {
  nominee: Omit<Nominee, 'id'>;
  given: (keyof Nominee)[];
}

/** One row as a nominee without its id, or the reason it cannot be one (dictionary words the import screen says). */
export function rowToNominee(
  columns: readonly { field: NomineeField | null }[],
  cells: string[],
  nominations: readonly Nomination[],
): NomineeRow | Words {
  const raw = rowFields(columns, cells);
  if (!raw.name) return words('error.import.emptyNominee');
  if (!raw.nomination) return words('error.import.noNomination');
  const nomination = nominations.find((n) => foldCell(n.title) === foldCell(raw.nomination!));
  if (!nomination) return words('error.import.nominationUnknown', { value: raw.nomination });
  const kind = raw.kind ? KINDS.get(foldCell(raw.kind)) : raw.leader ? 'organisation' : 'citizen';
  if (!kind) return words('error.import.kindUnknown', { value: raw.kind ?? '' });
  const honoured = yesNo(raw.honoured);
  if (honoured === null) return words('error.import.honouredYesNo', { value: raw.honoured ?? '' });
  const consent = yesNo(raw.consent);
  if (consent === null) return words('error.import.consentYesNoEmpty', { value: raw.consent ?? '' });
  const parsed = NomineeSchema.omit({ id: true }).safeParse({
    nominationId: nomination.id,
    kind,
    name: raw.name,
    ...(raw.leader ? { leader: raw.leader } : {}),
    citation: raw.citation ?? '',
    // A file not (yet) in the library is the readiness list's warning, not a reason to refuse the row.
    ...(raw.photo ? { photoUrl: mediaUrl(raw.photo) } : {}),
    consent: consent ?? false,
    honoured: honoured ?? false,
  });
  if (!parsed.success) return rowInvalid(parsed.error);
  // Empty cells keep what the organiser set on the screen since the last import (a photo, a laureate).
  const given: (keyof Nominee)[] = ['name', 'nominationId'];
  if (raw.kind) given.push('kind');
  if (raw.leader) given.push('leader');
  if (raw.citation) given.push('citation');
  if (raw.photo) given.push('photoUrl');
  if (consent !== undefined) given.push('consent');
  if (honoured !== undefined) given.push('honoured');
  return { nominee: parsed.data, given };
}

const PREVIEW_ROWS = 20;

/** What an import would do: the nominees after it, the report's counts and errors, the ids it removes. */
export interface NomineeImportPlan {
  columns: { header: string; field: NomineeField | null }[];
  unknownHeaders: string[];
  errors: LineError[];
  nominees: Nominee[];
  preview: Nominee[];
  created: number;
  updated: number;
  removed: string[];
}

/**
 * Checks every row against the scenario and plans the new nominee list: a row whose name and
 * nomination match a nominee updates it, the rest are new; with `replace` the nominees missing from
 * the file go, except those a cue shows. Pure: nothing is written here.
 */
export function planNomineeImport(
  sheet: { headers: string[]; rows: { line: number; cells: string[] }[] },
  scenario: Pick<Scenario, 'nominations' | 'nominees' | 'cues'>,
  replace: boolean,
  newId: (taken: Set<string>) => string,
): NomineeImportPlan {
  const { columns, unknownHeaders, problems } = nomineeColumns(sheet.headers);
  const plan: NomineeImportPlan = {
    columns,
    unknownHeaders,
    errors: problems,
    nominees: scenario.nominees,
    preview: [],
    created: 0,
    updated: 0,
    removed: [],
  };
  if (problems.length) return plan;
  const existing = new Map<string, Nominee>();
  for (const n of scenario.nominees) {
    const key = nomineeKey(n.name, n.nominationId);
    if (!existing.has(key)) existing.set(key, n);
  }
  const taken = new Set(scenario.nominees.map((n) => n.id));
  const firstLine = new Map<string, number>();
  const changed = new Map<string, Nominee>();
  const added: Nominee[] = [];
  for (const { line, cells } of sheet.rows) {
    const row = rowToNominee(columns, cells, scenario.nominations);
    if ('reason' in row) {
      plan.errors.push({ line, ...row });
      continue;
    }
    const key = nomineeKey(row.nominee.name, row.nominee.nominationId);
    const first = firstLine.get(key);
    if (first !== undefined) {
      plan.errors.push(lineError(line, 'error.import.nomineeRepeated', { name: row.nominee.name, first }));
      continue;
    }
    firstLine.set(key, line);
    const old = existing.get(key);
    let nominee: Nominee;
    if (old) {
      const update = Object.fromEntries(
        row.given.map((f) => [f, row.nominee[f as keyof typeof row.nominee]]),
      );
      nominee = { ...old, ...update };
      changed.set(old.id, nominee);
    } else {
      const id = newId(taken);
      taken.add(id);
      nominee = { ...row.nominee, id };
      added.push(nominee);
    }
    if (plan.preview.length < PREVIEW_ROWS) plan.preview.push(nominee);
  }
  if (plan.errors.length) return plan;
  if (sheet.rows.length === 0) return { ...plan, errors: [lineError(2, 'error.import.noNominees')] };
  const shown = (id: string) => cuesShowingNominee(scenario.cues, id).length > 0;
  const kept = scenario.nominees.filter((n) => changed.has(n.id) || !replace || shown(n.id));
  return {
    ...plan,
    nominees: [...kept.map((n) => changed.get(n.id) ?? n), ...added],
    created: added.length,
    updated: changed.size,
    removed: scenario.nominees.filter((n) => !kept.includes(n)).map((n) => n.id),
  };
}
