import QRCode from 'qrcode';
import { translate, type Guest, type Lang, type Scenario } from '@ceremony/shared';
import { fitOrganisation } from './badges.fit.js';
import { escapeHtml, printFontFaces } from './print.js';

/**
 * Printable badges as a print-exact HTML page: A4 sheets of 2 × 4 badges (90 × 60 mm, butted
 * together so one cut serves two badges) with cut marks in the margins, or a single badge.
 * The QR code holds the bare badge code: no personal data, and it scans without the network.
 */

const BADGE_W = 90;
const BADGE_H = 60;
const COLS = 2;
const ROWS = 4;
const PAGE_W = 210;
const PAGE_H = 297;
const LEFT = (PAGE_W - COLS * BADGE_W) / 2;
const TOP = (PAGE_H - ROWS * BADGE_H) / 2;
export const BADGES_PER_SHEET = COLS * ROWS;

/** The QR code of a badge as an SVG element, scaled by its container. */
export async function badgeQrSvg(code: string): Promise<string> {
  const svg = await QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace('<svg ', '<svg class="qr" role="img" aria-label="QR" ');
}

/** The nomination a badge names: the list's own column, else the linked nominee's nomination. */
function nominationOf(guest: Guest, scenario: Scenario): string | undefined {
  if (guest.nomination) return guest.nomination;
  const nominee = scenario.nominees.find((n) => n.id === guest.nomineeId);
  return scenario.nominations.find((n) => n.id === nominee?.nominationId)?.title;
}

async function badgeHtml(guest: Guest, scenario: Scenario, lang: Lang): Promise<string> {
  const t = (k: Parameters<typeof translate>[1]) => translate(lang, k);
  const nomination = nominationOf(guest, scenario);
  const long = guest.name.length > 28 ? ' badge__name--long' : '';
  return `<article class="badge badge--${guest.category}" data-guest="${escapeHtml(guest.id)}">
  <header class="badge__top">${escapeHtml(scenario.ceremony.title)}</header>
  <div class="badge__body">
    <div class="badge__text">
      <div class="badge__category">${escapeHtml(t(`category.${guest.category}`))}</div>
      <div class="badge__name${long}">${escapeHtml(guest.name)}</div>
      ${guest.organisation ? organisationHtml(guest.organisation) : ''}
      ${nomination ? `<div class="badge__nomination">${escapeHtml(nomination)}</div>` : ''}
    </div>
    <div class="badge__qr">${await badgeQrSvg(guest.badgeCode)}<div class="badge__code">${escapeHtml(guest.badgeCode)}</div></div>
  </div>
</article>`;
}

/** The organisation at the size that fits it whole (see badges.fit.ts); the clamp is a last resort. */
function organisationHtml(name: string): string {
  const fit = fitOrganisation(name);
  return `<div class="badge__org" style="font-size:${fit.sizeMm}mm;-webkit-line-clamp:${fit.lines}">${escapeHtml(fit.text)}</div>`;
}

/** Short lines in the margins where the guillotine goes: one per badge edge, outside the badges. */
function cutMarks(): string {
  const marks: string[] = [];
  const line = (x: number, y: number, w: number, h: number) =>
    marks.push(`<i class="cut" style="left:${x}mm;top:${y}mm;width:${w}mm;height:${h}mm"></i>`);
  for (let c = 0; c <= COLS; c++) {
    const x = LEFT + c * BADGE_W;
    line(x, TOP - 8, 0, 6);
    line(x, TOP + ROWS * BADGE_H + 2, 0, 6);
  }
  for (let r = 0; r <= ROWS; r++) {
    const y = TOP + r * BADGE_H;
    line(LEFT - 8, y, 6, 0);
    line(LEFT + COLS * BADGE_W + 2, y, 6, 0);
  }
  return marks.join('');
}

const STYLE = (s: Scenario) => `
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #888; }
body { font-family: 'PT Sans', 'DejaVu Sans', Arial, sans-serif; color: #1b1b1b;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.sheet { position: relative; width: ${PAGE_W}mm; height: ${PAGE_H}mm; background: #fff; margin: 0 auto 8mm;
  overflow: hidden; page-break-after: always; break-after: page; }
.sheet:last-child { page-break-after: auto; break-after: auto; }
.sheet--single { width: ${BADGE_W}mm; height: ${BADGE_H}mm; }
.grid { position: absolute; left: ${LEFT}mm; top: ${TOP}mm; display: grid;
  grid-template-columns: repeat(${COLS}, ${BADGE_W}mm); grid-auto-rows: ${BADGE_H}mm; }
.sheet--single .grid { left: 0; top: 0; }
.cut { position: absolute; border-left: 0.2mm solid #000; border-top: 0.2mm solid #000; }
.badge { width: ${BADGE_W}mm; height: ${BADGE_H}mm; display: flex; flex-direction: column; overflow: hidden;
  outline: 0.1mm dashed #d0d0d0; outline-offset: -0.05mm; }
.badge__top { background: ${s.ceremony.branding.primary}; color: #fff; font-weight: 700; font-size: 3.4mm;
  letter-spacing: 0.3mm; text-transform: uppercase; padding: 1.8mm 4mm; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; }
.badge__body { flex: 1; display: flex; gap: 2mm; padding: 3mm 3mm 2.5mm 4mm; min-height: 0; }
.badge__text { flex: 1; display: flex; flex-direction: column; gap: 1.2mm; min-width: 0; }
.badge__category { font-size: 2.8mm; font-weight: 700; text-transform: uppercase; letter-spacing: 0.2mm;
  color: ${s.ceremony.branding.accent}; }
.badge--honoured .badge__category, .badge--nominee .badge__category { color: ${s.ceremony.branding.primary}; }
.badge__name { font-size: 5.6mm; font-weight: 700; line-height: 1.1; overflow-wrap: anywhere; }
.badge__name--long { font-size: 4.4mm; }
.badge__org { font-size: 3mm; line-height: 1.2; display: -webkit-box; -webkit-line-clamp: 3;
  -webkit-box-orient: vertical; overflow: hidden; }
.badge__nomination { font-size: 2.9mm; font-style: italic; line-height: 1.2; margin-top: auto; color: #444; }
.badge__qr { width: 30mm; flex: none; display: flex; flex-direction: column; align-items: center; }
.qr { width: 30mm; height: 30mm; display: block; }
.badge__code { font-family: 'DejaVu Sans Mono', monospace; font-size: 1.55mm; margin-top: 0.5mm;
  color: #555; word-break: break-all; text-align: center; }
@media print { html, body { background: #fff; } .sheet { margin: 0; } }
`;

function page(title: string, scenario: Scenario, lang: Lang, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${printFontFaces()}${STYLE(scenario)}</style></head>
<body>${body}</body></html>`;
}

/** A4 sheets with every given guest's badge, in the order given. */
export async function badgeSheetsHtml(
  guests: readonly Guest[],
  scenario: Scenario,
  lang: Lang = 'ru',
): Promise<string> {
  const sheets: string[] = [];
  for (let i = 0; i < Math.max(guests.length, 1); i += BADGES_PER_SHEET) {
    const badges = await Promise.all(
      guests.slice(i, i + BADGES_PER_SHEET).map((g) => badgeHtml(g, scenario, lang)),
    );
    sheets.push(`<section class="sheet">${cutMarks()}<div class="grid">${badges.join('')}</div></section>`);
  }
  return page(
    `${scenario.ceremony.title}: ${translate(lang, 'admin.badges.title')}`,
    scenario,
    lang,
    sheets.join(''),
  );
}

/** One badge on a page of its own size, for a reprint at the desk. */
export async function singleBadgeHtml(guest: Guest, scenario: Scenario, lang: Lang = 'ru'): Promise<string> {
  const badge = await badgeHtml(guest, scenario, lang);
  const body = `<style>@page { size: ${BADGE_W}mm ${BADGE_H}mm; margin: 0; }</style>
<section class="sheet sheet--single"><div class="grid">${badge}</div></section>`;
  return page(guest.name, scenario, lang, body);
}
