import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyViewDelta, type Role, type Scenario, type ShowState, type Snapshot } from '@ceremony/shared';
import { ask, http, startServer, type TestServer, type TestSocket } from './helpers.js';

/**
 * docs/PROTOCOL.md, «Roles»: a volunteer reads stations and what routing needs (no laureates, no
 * script); a display learns a laureate only while that award cue is live and gets the live cue's
 * notes alone; a citizen without consent is a name only outside admin and host. Every snapshot and
 * every later broadcast each role receives is checked.
 */
let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

/** A `show:state` carrying a `view` is kept as the view it makes of the one held before it, with its size on the wire. */
type Heard =
  | { kind: 'snapshot'; s: Snapshot }
  | { kind: 'view'; s: Snapshot; bytes: number }
  | { kind: 'state'; s: ShowState };

/** Connects and keeps every show message, the first snapshot included, as a client applies them. */
async function listen(role: Role): Promise<{ socket: TestSocket; heard: Heard[] }> {
  const heard: Heard[] = [];
  const socket = await s.socket(role);
  const first = (await ask(socket, 'show:resync', {})) as Snapshot;
  heard.push({ kind: 'snapshot', s: first });
  let held = first.scenario;
  socket.on('show:snapshot', (snap) => {
    held = snap.scenario;
    heard.push({ kind: 'snapshot', s: snap });
  });
  socket.on('show:state', (message) => {
    const { view: delta, ...state } = message;
    if (!delta) return heard.push({ kind: 'state', s: state });
    const view = applyViewDelta(held, delta);
    if (!view) throw new Error(`a view delta that does not fit the ${role}'s view`);
    held = view;
    heard.push({ kind: 'view', s: { scenario: view, state }, bytes: JSON.stringify(message).length });
  });
  return { socket, heard };
}

const whole = () => s.app.show.snapshot().scenario;
const laureates = () => whole().nominees.filter((n) => n.honoured);
const privateCitizens = () => whole().nominees.filter((n) => n.kind === 'citizen' && !n.consent);

/** What a partial role must never see in a scenario, given the cue that was live with it. */
function leaks(role: Role, scenario: Scenario, state: ShowState): string[] {
  const found: string[] = [];
  const live = scenario.cues[state.cueIndex];
  const revealed = new Set(live?.kind === 'award' && live.id === state.cueId ? live.nomineeIds : []);
  for (const n of scenario.nominees) {
    if (role === 'volunteer') found.push(`nominee ${n.id}`);
    if (n.honoured && !revealed.has(n.id)) found.push(`honoured ${n.id}`);
    const hidden = privateCitizens().some((p) => p.id === n.id);
    if (hidden && (n.citation || n.photoUrl || n.leader)) found.push(`personal data of ${n.id}`);
  }
  for (const c of scenario.cues) {
    const isLive = c.id === state.cueId && role === 'display';
    if (c.notes && !isLive) found.push(`notes of ${c.id}`);
    if (c.kind === 'award' && c.nomineeIds.length > 0 && !(isLive && role === 'display'))
      found.push(`laureates of ${c.id}`);
  }
  return found;
}

function leaksIn(role: Role, heard: Heard[]): string[] {
  return heard.flatMap((h) => (h.kind === 'state' ? [] : leaks(role, h.s.scenario, h.s.state)));
}

it('the demo has what this test needs: laureates, citizens without consent, notes', () => {
  expect(laureates().length).toBeGreaterThan(0);
  expect(privateCitizens().filter((n) => n.citation).length).toBeGreaterThan(0);
  expect(whole().cues.filter((c) => c.notes).length).toBeGreaterThan(1);
  const award = whole().cues.find((c) => c.kind === 'award' && c.nomineeIds.length > 0);
  expect(award).toBeDefined();
});

it('gives admin and host everything, and display and volunteer only their part, on connect, resync and HTTP', async () => {
  for (const role of ['admin', 'host'] as const) {
    const res = await http(`${s.url}/api/show`, { token: s.token(role) });
    expect(res.body.scenario).toEqual(whole());
  }
  for (const role of ['display', 'volunteer'] as const) {
    const { heard } = await listen(role);
    expect(leaksIn(role, heard)).toEqual([]);
    const res = await http(`${s.url}/api/show`, { token: s.token(role) });
    expect(leaks(role, res.body.scenario, res.body.state)).toEqual([]);
    expect(res.body.scenario.stations).toEqual(whole().stations);
    expect(res.body.scenario.cues.map((c: { kind: string }) => c.kind)).toEqual(
      whole().cues.map((c) => c.kind),
    );
  }
});

/** The view a display reading the show now is sent. */
const reloadedView = async (): Promise<Scenario> =>
  (await http(`${s.url}/api/show`, { token: s.token('display') })).body.scenario;

it('reveals an award to displays in the broadcast that makes it live, to a display that reloads during it, and never to volunteers', async () => {
  const display = await listen('display');
  const volunteer = await listen('volunteer');
  const host = await s.socket('host');
  // The whole scenario is theirs already: admin and host never get a partial view.
  const wholeRoles = [await listen('admin'), await listen('host')];
  const { cues } = whole();
  const awardIndex = cues.findIndex((c) => c.kind === 'award' && c.nomineeIds.length > 0);
  const award = cues[awardIndex]!;
  if (award.kind !== 'award') throw new Error('no award');
  const before = cues[awardIndex - 1]!;

  const go = async (cueId: string) => {
    s.advance(1000);
    const answer = await ask(host, 'show:goto', { cueId, expectedRevision: s.app.show.current().revision });
    expect(answer.ok).toBe(true);
    return answer.state.revision as number;
  };
  const heardRevision = (heard: Heard[], revision: number) =>
    expect
      .poll(() => heard.find((h) => (h.kind === 'state' ? h.s.revision : h.s.state.revision) === revision))
      .toBeDefined();

  const beforeRevision = await go(before.id);
  await heardRevision(display.heard, beforeRevision);
  const awardRevision = await go(award.id);
  await heardRevision(display.heard, awardRevision);
  await heardRevision(volunteer.heard, awardRevision);

  // The message that made the award live carried its laureates and its notes alone, and little else.
  const reveal = display.heard.find((h) => h.kind === 'view' && h.s.state.revision === awardRevision);
  expect(reveal?.kind).toBe('view');
  expect((reveal as { bytes: number }).bytes).toBeLessThan(JSON.stringify(await reloadedView()).length / 5);
  const seen = (reveal as { s: Snapshot }).s.scenario;
  const liveAward = seen.cues[awardIndex]!;
  expect(liveAward.kind === 'award' && liveAward.nomineeIds).toEqual(award.nomineeIds);
  expect(liveAward.notes).toBe(award.notes);
  expect(seen.nominees.filter((n) => n.honoured).map((n) => n.id)).toEqual(
    laureates()
      .filter((n) => award.nomineeIds.includes(n.id))
      .map((n) => n.id),
  );

  // A projector that reloads during the award gets them too.
  const reloaded = await listen('display');
  const again = reloaded.heard[0]!.s as Snapshot;
  expect(again.scenario.cues[awardIndex]).toEqual(liveAward);

  // Moving on takes them away again.
  const after = cues[awardIndex + 1]!;
  const afterRevision = await go(after.id);
  await heardRevision(display.heard, afterRevision);
  const last = display.heard.findLast((h) => h.kind === 'view')!.s as Snapshot;
  expect(last.state.revision).toBe(afterRevision);
  const gone = last.scenario.cues[awardIndex]!;
  expect(gone.kind === 'award' && gone.nomineeIds).toEqual([]);
  expect(last.scenario.nominees.filter((n) => n.honoured)).toEqual([]);
  // Every view applied in order is what a display connecting now is sent.
  expect(last.scenario).toEqual(await reloadedView());

  expect(leaksIn('display', display.heard)).toEqual([]);
  expect(leaksIn('display', reloaded.heard)).toEqual([]);
  expect(leaksIn('volunteer', volunteer.heard)).toEqual([]);
  // A volunteer's view does not move with the cue: the bare states are all it hears.
  expect(volunteer.heard.filter((h) => h.kind === 'view')).toEqual([]);
  for (const staff of wholeRoles) {
    await heardRevision(staff.heard, afterRevision);
    expect(staff.heard.filter((h) => h.kind === 'view')).toEqual([]);
  }
  // One message per change on every socket: the view rides inside the state, never beside it.
  for (const l of [display, volunteer, ...wholeRoles])
    for (const revision of [beforeRevision, awardRevision, afterRevision])
      expect(
        l.heard.filter((h) => (h.kind === 'state' ? h.s.revision : h.s.state.revision) === revision),
      ).toHaveLength(1);
  // Nothing whole in a bare state either: a state carries no scenario at all.
  for (const h of [...display.heard, ...volunteer.heard])
    if (h.kind === 'state') expect(h.s).not.toHaveProperty('scenario');
});

it('sends an edited scenario to each role as that role may see it', async () => {
  const display = await listen('display');
  const volunteer = await listen('volunteer');
  const admin = await s.socket('admin');
  const edited = structuredClone(whole());
  edited.cues[0]!.notes = 'Новая реплика ведущего';
  const answer = await ask(admin, 'scenario:update', {
    expectedRevision: s.app.show.current().revision,
    scenario: edited,
  });
  expect(answer.ok).toBe(true);
  for (const [role, l] of [
    ['display', display],
    ['volunteer', volunteer],
  ] as const) {
    await expect
      .poll(() => l.heard.find((h) => h.kind === 'snapshot' && h.s.state.revision === answer.state.revision))
      .toBeDefined();
    expect(leaksIn(role, l.heard)).toEqual([]);
  }
});

it("shows a laureate's guest as a nominee on a volunteer's phone: directory, search, scan", async () => {
  const row = s.app.db
    .prepare("SELECT name, badge_code AS code FROM guests WHERE category = 'honoured' LIMIT 1")
    .get() as { name: string; code: string } | undefined;
  expect(row).toBeDefined();
  const phone = await s.socket('volunteer');
  const admin = await s.socket('admin');
  const directory = await ask(phone, 'guests:directory', {});
  expect(directory.guests.filter((g: { category: string }) => g.category === 'honoured')).toEqual([]);
  const found = await ask(phone, 'guests:search', { query: row!.name });
  expect(found.guests[0]).toMatchObject({ name: row!.name, category: 'nominee' });
  const scan = await ask(phone, 'checkin:scan', { code: row!.code, scanId: 'laureate-scan-1' });
  expect(scan.result.guest).toMatchObject({ name: row!.name, category: 'nominee' });
  // The admin still reads the truth.
  expect((await ask(admin, 'guests:search', { query: row!.name })).guests[0].category).toBe('honoured');
});
