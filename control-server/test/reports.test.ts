import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Figures, Guest } from '@ceremony/shared';
import { ask, http, startServer, type TestServer } from './helpers.js';

describe('the live dashboard and the post-event report', () => {
  let s: TestServer;
  let admin: string;
  let guests: Guest[];
  beforeAll(async () => {
    s = await startServer();
    admin = s.token('admin');
    guests = (await http(`${s.url}/api/guests`, { token: admin })).body.guests;
    const volunteer = await s.socket('volunteer');
    // 12 guests arrive over an hour: the press first, then honoured guests.
    const arriving = [
      ...guests.filter((g) => g.category === 'press'),
      ...guests.filter((g) => g.category === 'honoured'),
    ].slice(0, 12);
    for (const [i, g] of arriving.entries()) {
      const r = await ask(volunteer, 'checkin:scan', { code: g.badgeCode, scanId: `report-scan-${i}` });
      expect(r).toMatchObject({ ok: true, result: { status: 'admitted' } });
      s.advance(5 * 60_000);
    }
    const station = s.app.show.snapshot().scenario.stations[0]!;
    for (const [i, g] of arriving.slice(0, 3).entries()) {
      const v = await ask(volunteer, 'station:visit', {
        stationId: station.id,
        code: g.badgeCode,
        scanId: `station-scan-${i}`,
      });
      expect(v.ok).toBe(true);
    }
    for (const [rating, comment] of [
      [5, 'Очень тёплый вечер, спасибо!'],
      [4, 'Хорошо, но душно в зале'],
      [5, undefined],
    ] as const) {
      const r = await http(`${s.url}/api/feedback`, { method: 'POST', json: { rating, comment } });
      expect(r.status).toBe(200);
    }
  });
  afterAll(() => s?.stop());

  it('counts the real figures: arrivals by category, nomination and time, stations, feedback', async () => {
    const res = await http(`${s.url}/api/admin/dashboard`, { token: admin });
    const f: Figures = res.body.figures;
    const scenario = s.app.show.snapshot().scenario;
    expect(f.expected).toBe(guests.length);
    expect(f.arrived).toBe(12);
    const press = guests.filter((g) => g.category === 'press').length;
    expect(f.byCategory.find((c) => c.key === 'press')).toMatchObject({
      label: 'Пресса',
      expected: press,
      arrived: Math.min(press, 12),
    });
    expect(f.byCategory.reduce((a, c) => a + c.expected, 0)).toBe(guests.length);
    expect(f.byCategory.reduce((a, c) => a + c.arrived, 0)).toBe(12);
    expect(f.byNomination.map((n) => n.label)).toEqual(
      scenario.nominations.map((n) => n.title).filter((t) => f.byNomination.some((b) => b.label === t)),
    );
    expect(f.arrivals.slots.reduce((a, x) => a + x.count, 0)).toBe(12);
    expect(f.arrivals.slotMinutes).toBe(5);
    expect(f.stations.find((x) => x.id === scenario.stations[0]!.id)).toMatchObject({ visits: 3, guests: 3 });
    expect(f.feedback).toMatchObject({ count: 3, average: 4.67, byRating: [0, 0, 0, 1, 2] });
    expect(f.feedback.comments).toEqual(['Очень тёплый вечер, спасибо!', 'Хорошо, но душно в зале']);
    const kinds = Object.fromEntries(f.nominees.map((n) => [n.kind, n]));
    expect(kinds.organisation!.applications + kinds.citizen!.applications).toBe(scenario.nominees.length);
    expect(kinds.citizen!.honoured).toBe(
      scenario.nominees.filter((n) => n.kind === 'citizen' && n.honoured).length,
    );
    // Figures only: no guest's name travels in the dashboard.
    for (const g of guests) expect(JSON.stringify(f)).not.toContain(g.name);
  });

  it('the CSV opens in Russian Excel and the printable page carries the same figures', async () => {
    const csv = await fetch(`${s.url}/api/admin/report.csv`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="?report-/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\nВсего;130;12\r\n');
    // One Russian format for the average, page and CSV alike.
    expect(text).toContain('Средняя оценка;4,7\r\n');
    // The nomination rows stand under their own sub-heading, not mixed into the categories.
    const lines = text.split('\r\n');
    const byNomination = lines.indexOf('По номинациям');
    expect(lines.indexOf('По категориям')).toBeGreaterThan(0);
    expect(byNomination).toBeGreaterThan(lines.indexOf('По категориям'));
    const html = await (
      await fetch(`${s.url}/api/admin/report.html`, { headers: { authorization: `Bearer ${admin}` } })
    ).text();
    expect(html).toContain('Итоги церемонии');
    expect(html).toContain('<svg class="chart"');
    expect(html).toContain('12 / 130');
    expect(html).toContain('<b>4,7</b>');
    // The comments and the consent line belong to «Отзывы гостей», not to the stations before it.
    const feedback = html.slice(html.indexOf('data-section="feedback"'));
    expect(feedback).toContain('Очень тёплый вечер, спасибо!');
    expect(feedback).toContain('Гостей без согласия');
    const stations = html.slice(html.indexOf('Посещения площадок'), html.indexOf('data-section="feedback"'));
    expect(stations).not.toContain('Очень тёплый вечер');
    expect((await http(`${s.url}/api/admin/report.csv`, { token: s.token('host') })).status).toBe(403);
  });

  it('the guest list export is personal data: admin only', async () => {
    const res = await fetch(`${s.url}/api/admin/guests.csv`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const text = await res.text();
    expect(text.split('\r\n')[0]).toContain(
      'ФИО;Категория;Организация;Номинация;Место;Согласие на обработку ПД',
    );
    expect(text).toContain(guests[0]!.badgeCode);
    // Categories in the organiser's words, which the import takes back.
    expect(text).toMatch(/;Гость;/);
    expect(text).not.toMatch(/;(guest|nominee|honoured|official|press|volunteer);/);
    for (const role of ['host', 'volunteer', 'display'] as const)
      expect((await http(`${s.url}/api/admin/guests.csv`, { token: s.token(role) })).status).toBe(403);
    expect((await http(`${s.url}/api/admin/guests.csv`)).status).toBe(401);
  });
});
