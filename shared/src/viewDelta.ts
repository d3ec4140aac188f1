import type { Cue, Nominee, Scenario } from './domain.js';

/**
 * What changed in a role's view of one run of show when the live cue moved: the cues and nominees
 * whose role-cut differs, each whole as the role may now read it (a cue that lost its notes or
 * laureates comes without them). A display's view changes only there (roleView.ts), so a GO sends
 * these few hundred bytes instead of the ~25 KB scenario.
 */
export interface ViewDelta {
  cues: Cue[];
  nominees: Nominee[];
}

/** Equal as JSON: the same values under the same keys, an undefined field counting as absent. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = (r: Record<string, unknown>) => Object.keys(r).filter((k) => r[k] !== undefined);
  const ka = keys(ra);
  return ka.length === keys(rb).length && ka.every((k) => Object.hasOwn(rb, k) && same(ra[k], rb[k]));
}

/** The items of `after` that differ from `before` at the same place; null when the ids or order differ. */
function changed<T extends { id: string }>(before: readonly T[], after: readonly T[]): T[] | null {
  if (before.length !== after.length) return null;
  const out: T[] = [];
  for (let i = 0; i < after.length; i++) {
    const b = before[i]!;
    const a = after[i]!;
    if (a.id !== b.id) return null;
    if (!same(a, b)) out.push(a);
  }
  return out;
}

/**
 * The delta that turns one view into the other, or null when they are not two views of the same
 * run of show (an edit: other cues, nominees, order, ceremony, stations…): only a snapshot will do.
 */
export function viewDelta(before: Scenario, after: Scenario): ViewDelta | null {
  const { cues: cb, nominees: nb, ...restBefore } = before;
  const { cues: ca, nominees: na, ...restAfter } = after;
  if (!same(restBefore, restAfter)) return null;
  const cues = changed(cb, ca);
  const nominees = changed(nb, na);
  return cues && nominees ? { cues, nominees } : null;
}

/** True when the delta changes nothing: the role's view stayed as it was. */
export function isEmptyDelta(delta: ViewDelta): boolean {
  return delta.cues.length === 0 && delta.nominees.length === 0;
}

/** Puts each item of `patch` in the place of the item with its id; null when one has no place. */
function patched<T extends { id: string }>(items: readonly T[], patch: readonly T[]): T[] | null {
  if (patch.length === 0) return items as T[];
  const byId = new Map(patch.map((p) => [p.id, p]));
  const out = items.map((item) => {
    const p = byId.get(item.id);
    if (p) byId.delete(item.id);
    return p ?? item;
  });
  return byId.size === 0 ? out : null;
}

/**
 * The view after a delta: a new scenario with those cues and nominees replaced, everything else
 * shared with the old one. Null when the delta names a cue or nominee the view does not hold (it
 * was made for another scenario): the client then needs a whole snapshot.
 */
export function applyViewDelta(view: Scenario, delta: ViewDelta): Scenario | null {
  const cues = patched(view.cues, delta.cues);
  const nominees = patched(view.nominees, delta.nominees);
  return cues && nominees ? { ...view, cues, nominees } : null;
}
