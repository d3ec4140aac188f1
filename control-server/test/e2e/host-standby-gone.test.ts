import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ShowState } from '@ceremony/shared';
import { PINS, ask, connectAs, http, tempDir, type TestSocket } from '../helpers.js';
import { signIn } from '../hub-kit.js';
import { standbySh, startPrimaryAndStandby, type PostgresCluster } from '../pg-cluster.js';
import { killHard, spawnServer, type ServerProcess } from '../process.js';
import { openSignedIn } from './apps-kit.js';
import { SIZES, hasChromium, launch, openPage, screenshot } from './browser.js';

/*
 * The host console on the tablet when the backup laptop is switched off: its PostgreSQL was the
 * synchronous standby, so every commit waits for it. The host must read what is going on and what to
 * do, and the GO that waited must show as soon as `standby.sh solo` has run (test/standby-gone.test.ts
 * has the same at the socket level). So must the organiser importing a late guest meanwhile.
 */
/** The organiser's office laptop, where the guest list is prepared. */
const LAPTOP = { width: 1440, height: 900 };
const LATE_GUEST = 'Ёлкина Алёна Сергеевна';

describe.runIf(hasChromium)('the host console when the synchronous standby is switched off', () => {
  let browser: Browser;
  let clusters: Awaited<ReturnType<typeof startPrimaryAndStandby>>;
  let primary: PostgresCluster;
  let hub: ServerProcess;

  beforeAll(async () => {
    browser = await launch();
    clusters = await startPrimaryAndStandby();
    ({ primary } = clusters);
    const url = `postgres://ceremony@127.0.0.1:${primary.port},127.0.0.1:${clusters.standby.port}/ceremony`;
    hub = await spawnServer(tempDir(), { DATABASE_URL: url, HTTPS_PORT: 'off' });
    display = await connectAs(hub.url, { token: await signIn(hub.url, 'display') });
  }, 120_000);
  afterAll(async () => {
    display?.close();
    await browser?.close();
    if (hub) await killHard(hub);
    await clusters?.stop();
  });

  /** The live cue as the hub holds it (what its projector shows), asked by a projector signed in before. */
  let display: TestSocket;
  const liveCue = async () => (await ask<{ state: ShowState }>(display, 'show:resync', {})).state.cueId;

  async function pressGo(page: Page) {
    // Armed: past the double-GO guard on the server's clock.
    await expect.poll(() => page.getByTestId('go').getAttribute('data-armed')).toBe('true');
    await page.getByTestId('go').click();
  }

  it('names the backup laptop and standby.sh solo, then shows the GO that waited once solo ran', async () => {
    const token = await signIn(hub.url, 'host');
    const { page } = await openSignedIn(browser, hub.url, 'host', { token, role: 'host' }, SIZES.tablet);
    // The organiser, the evening before on the office laptop, adding a late guest. Signed in before
    // the backup laptop goes: a sign-in is a commit too.
    const adminToken = await signIn(hub.url, 'admin');
    const office = await openSignedIn(browser, hub.url, 'host', { token: adminToken, role: 'admin' }, LAPTOP);
    await office.page.getByTestId('tab-admin').click();
    // A volunteer's phone lost in the foyer: the organiser will revoke it while the backup laptop is off.
    const lost = await http(`${hub.url}/api/session`, { method: 'POST', json: { pin: PINS.volunteer } });
    // The newest volunteer device is the phone just signed in (the session answers no id).
    const lostName = (
      (await http(`${hub.url}/api/admin/devices`, { token: adminToken })).body.devices as {
        role: string;
        name: string;
        createdAt: number;
      }[]
    )
      .filter((d) => d.role === 'volunteer')
      .sort((a, b) => a.createdAt - b.createdAt)
      .at(-1)!.name;
    await pressGo(page);
    await expect.poll(() => liveCue()).toBe('cue-01');

    await clusters.standby.halt('immediate');
    await pressGo(page);
    const error = page.getByTestId('command-error');
    await expect
      .poll(() => error.textContent(), { timeout: 6000 })
      .toMatch(/Резервный ноутбук.*выполнится.*standby\.sh\ssolo/);
    await screenshot(page, 'host-standby-waiting');
    // The hub's cue has not moved: nothing is confirmed yet.
    expect(await liveCue()).toBe('cue-01');

    // The import is checked (a read) and then written: told the same, in a few seconds, not «the
    // database is unreachable» after the query timeout.
    await office.page.getByTestId('import-file').setInputFiles({
      name: 'опоздавшие.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`ФИО;Категория\n${LATE_GUEST};Гость\n`),
    });
    await expect.poll(() => office.page.getByTestId('import-ready').textContent()).toContain('новых 1');
    await office.page.getByTestId('import-apply').click();
    await expect
      .poll(() => office.page.getByTestId('guest-import').getByRole('alert').textContent(), { timeout: 8000 })
      .toMatch(/Резервный ноутбук.*выполнится.*standby\.sh\ssolo/);
    await screenshot(office.page, 'admin-import-standby-waiting');
    // Pressed again meanwhile, it would only queue the same import behind the first.
    expect(await office.page.getByTestId('import-apply').isDisabled()).toBe(true);

    // A new admin PIN meanwhile: shown at once, with when it takes effect. Refused, it would still land
    // with `solo` and leave nobody knowing it. Another window of the office laptop (the import stays
    // open in the first), the same device: it stays signed in.
    const pins = (await openSignedIn(browser, hub.url, 'host', { token: adminToken, role: 'admin' }, LAPTOP))
      .page;
    await pins.getByTestId('tab-admin').click();
    await pins.getByTestId('admin-devices').click();
    await pins.getByTestId('new-pin-admin').click();
    await pins.getByTestId('confirm-yes').click();
    await pins.getByTestId('new-pin-waiting').waitFor({ timeout: 8000 });
    expect(await pins.getByTestId('new-pin-waiting').textContent()).toMatch(
      /новый ПИН-код начнёт действовать.*standby\.sh\ssolo/,
    );
    const newAdminPin = (await pins.getByTestId('new-pin').locator('b').textContent())!;
    await pins.getByTestId('new-pin').scrollIntoViewIfNeeded();
    await screenshot(pins, 'admin-pin-standby-waiting');
    // A QR code for a new entrance phone meanwhile: shown at once, with when it starts to work.
    await pins.getByTestId('pair-role-volunteer').click();
    await pins.getByTestId('pair-name').fill('Вход «Северный»');
    await pins.getByTestId('pair-create').click();
    await pins.getByTestId('pair-waiting').waitFor({ timeout: 8000 });
    expect(await pins.getByTestId('pair-waiting').textContent()).toMatch(
      /QR-код заработает, когда он ответит или после standby\.sh\ssolo/,
    );
    const pairUrl = (await pins.getByTestId('pair-url').textContent())!;
    await pins.getByTestId('pair-qr').scrollIntoViewIfNeeded();
    await screenshot(pins, 'admin-pair-standby-waiting');
    // The lost phone revoked meanwhile: the words say it is carried out once the standby answers.
    pins.once('dialog', (d) => void d.accept());
    await pins.locator(`[data-device="${lostName}"] .admin-revoke`).click();
    await expect
      .poll(() => pins.getByTestId('devices-error').textContent(), { timeout: 8000 })
      .toMatch(/Резервный ноутбук.*выполнится, когда он ответит/);
    await pins.getByTestId('devices-error').scrollIntoViewIfNeeded();
    await screenshot(pins, 'admin-revoke-standby-waiting');
    // The volunteers' PIN changed right after: it waits inside PostgreSQL behind the revocation (the
    // lost phone's row), so it is stopped and said to be not carried out; the old PIN stays.
    await pins.getByTestId('new-pin-volunteer').click();
    await pins.getByTestId('confirm-yes').click();
    await expect
      .poll(() => pins.getByTestId('new-pin-refused').textContent(), { timeout: 8000 })
      .toMatch(/Резервный ноутбук не отвечает: предыдущая команда.*эта не выполнена/);
    await pins.getByTestId('new-pin-refused').scrollIntoViewIfNeeded();
    await screenshot(pins, 'admin-pin-standby-stalled');

    // A volunteer's phone signing in by PIN meanwhile: told to sign in again once solo has run.
    const phone = await openPage(browser, `${hub.url}/checkin/`, SIZES.phone, {
      isMobile: true,
      hasTouch: true,
    });
    await phone.page.getByTestId('pin-input').fill(PINS.volunteer);
    await phone.page.getByTestId('pin-submit').click();
    await expect
      .poll(() => phone.page.getByRole('alert').textContent(), { timeout: 8000 })
      .toMatch(/вход не выполнен.*standby\.sh\ssolo и войдите снова/);
    await screenshot(phone.page, 'checkin-signin-standby-waiting');
    // A guest leaving feedback meanwhile: told at once that nothing was saved, to send it again later.
    const guest = await openPage(browser, `${hub.url}/checkin/feedback`, SIZES.phone, {
      isMobile: true,
      hasTouch: true,
    });
    await guest.page.getByTestId('feedback-star-5').click();
    await guest.page.getByTestId('feedback-comment').fill('Спасибо Алёне Ёлкиной за «Тёплый дом»!');
    await guest.page.getByTestId('feedback-submit').click();
    await expect
      .poll(() => guest.page.getByRole('alert').textContent(), { timeout: 8000 })
      .toMatch(/не может сохранить отзыв.*через несколько минут/);
    await screenshot(guest.page, 'feedback-standby-later');

    expect(await standbySh(primary, 'solo')).toMatch(/no longer wait/);
    await expect.poll(() => liveCue(), { timeout: 10_000 }).toBe('cue-02');
    await pressGo(page);
    await expect.poll(() => liveCue()).toBe('cue-03');
    // The import that waited landed with it, as the words said.
    const guests = async () =>
      ((await http(`${hub.url}/api/guests`, { token: adminToken })).body.guests as { name: string }[]).map(
        (g) => g.name,
      );
    await expect.poll(guests, { timeout: 10_000 }).toContain(LATE_GUEST);
    // And the office screen says so by itself: the refusal and the button give way to «Загружено».
    await expect
      .poll(() => office.page.getByTestId('import-ready').textContent(), { timeout: 10_000 })
      .toContain('Загружено: новых 1');
    expect(await office.page.getByTestId('guest-import').getByRole('alert').count()).toBe(0);
    expect(await office.page.getByTestId('import-apply').count()).toBe(0);
    await screenshot(office.page, 'admin-import-standby-landed');
    // The new admin PIN took effect with `solo`, as its words said.
    expect(
      (await http(`${hub.url}/api/session`, { method: 'POST', json: { pin: newAdminPin } })).body,
    ).toMatchObject({ ok: true, role: 'admin' });
    // The lost phone is revoked now, as the words said.
    await expect
      .poll(async () => (await http(`${hub.url}/api/show`, { token: lost.body.token })).status, {
        timeout: 10_000,
      })
      .toBe(401);
    // The QR code shown meanwhile works now, as its words said.
    const code = new URL(pairUrl).searchParams.get('pair');
    expect(
      (await http(`${hub.url}/api/session`, { method: 'POST', json: { pairingCode: code } })).body,
    ).toMatchObject({ ok: true, role: 'volunteer' });
    // The guest sends it again: thanked.
    await guest.page.getByTestId('feedback-submit').click();
    await guest.page.getByTestId('feedback-thanks').waitFor();
    // The same PIN again, as the words said: the phone is in.
    await phone.page.getByTestId('pin-input').fill(PINS.volunteer);
    await phone.page.getByTestId('pin-submit').click();
    await phone.page.getByTestId('pin-input').waitFor({ state: 'detached' });
    // The refused sign-in's 500 is the browser's own log line; nothing else went wrong on the page.
    expect(phone.errors.filter((e) => !e.includes('status of 500'))).toEqual([]);
    expect(guest.errors.filter((e) => !e.includes('status of 500'))).toEqual([]);
  }, 90_000);
});
