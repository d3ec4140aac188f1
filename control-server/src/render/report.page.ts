import {
  formatClock,
  formatDate,
  formatDecimal,
  translate,
  type Figures,
  type Key,
  type Lang,
} from '@ceremony/shared';
import { escapeHtml, printFontFaces } from './print.js';

/** The post-event report as one printable A4 page: figures, tables, and charts in plain SVG/CSS. */

type T = (key: Key, params?: Record<string, string | number>) => string;

/** Horizontal bars: each row a label, a bar scaled to the largest value, and the numbers. */
function bars(rows: { label: string; value: number; of?: number }[]): string {
  if (rows.length === 0) return '';
  const max = Math.max(1, ...rows.map((r) => r.of ?? r.value));
  return `<div class="bars">${rows
    .map((r) => {
      const outer =
        r.of === undefined ? '' : `<span class="bar bar--of" style="width:${(r.of / max) * 100}%"></span>`;
      const inner = `<span class="bar" style="width:${(r.value / max) * 100}%"></span>`;
      const num = r.of === undefined ? `${r.value}` : `${r.value} / ${r.of}`;
      return `<div class="bars__row"><span class="bars__label">${escapeHtml(r.label)}</span><span class="bars__track">${outer}${inner}</span><span class="bars__num">${num}</span></div>`;
    })
    .join('')}</div>`;
}

/** Arrivals over time as an SVG column chart, one column per slot. */
function arrivalsChart(f: Figures, lang: Lang, t: T): string {
  const { slots } = f.arrivals;
  if (slots.length === 0) return `<p class="none">${t('report.none')}</p>`;
  const W = 170;
  const H = 45;
  const max = Math.max(1, ...slots.map((s) => s.count));
  const w = W / slots.length;
  const cols = slots
    .map((s, i) => {
      const h = (s.count / max) * (H - 6);
      const label = i % Math.ceil(slots.length / 8) === 0 ? formatClock(lang, s.at) : '';
      return (
        `<rect x="${i * w + w * 0.12}" y="${H - h}" width="${w * 0.76}" height="${h}" class="col"/>` +
        (s.count ? `<text x="${i * w + w / 2}" y="${H - h - 1}" class="n">${s.count}</text>` : '') +
        (label ? `<text x="${i * w + w / 2}" y="${H + 4.5}" class="t">${label}</text>` : '')
      );
    })
    .join('');
  return `<svg class="chart" viewBox="0 -2 ${W} ${H + 8}" width="${W}mm" height="${H + 10}mm" role="img" aria-label="${escapeHtml(t('report.arrivals', { minutes: f.arrivals.slotMinutes }))}">${cols}<line x1="0" y1="${H}" x2="${W}" y2="${H}" class="axis"/></svg>`;
}

const STYLE = `
@page { size: A4; margin: 14mm 14mm 16mm; }
* { box-sizing: border-box; }
body { font-family: 'PT Sans', 'DejaVu Sans', Arial, sans-serif; color: #1b1b1b; margin: 0 auto; max-width: 182mm;
  font-size: 10.5pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 20pt; margin: 0 0 1mm; } h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 0.3mm solid #c9c9c9; padding-bottom: 1mm; }
.sub { color: #555; margin: 0 0 4mm; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; }
.tile { border: 0.3mm solid #d6d6d6; border-radius: 2mm; padding: 2.5mm 3mm; }
.tile b { display: block; font-size: 18pt; } .tile span { color: #555; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2mm; }
th, td { text-align: left; padding: 1mm 2mm; border-bottom: 0.2mm solid #e2e2e2; } td.n, th.n { text-align: right; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; } section { break-inside: avoid; }
.bars__row { display: grid; grid-template-columns: 52mm 1fr 18mm; align-items: center; gap: 2mm; margin: 0.8mm 0; font-size: 9.5pt; }
.two .bars__row { grid-template-columns: 30mm 1fr 15mm; }
.bars__label { overflow-wrap: anywhere; } .bars__num { text-align: right; font-variant-numeric: tabular-nums; }
.bars__track { position: relative; height: 3.6mm; background: #f1f1f1; border-radius: 1mm; }
.bar { position: absolute; left: 0; top: 0; bottom: 0; background: #7a2e8e; border-radius: 1mm; }
.bar--of { background: #d9c3e0; }
.chart .col { fill: #7a2e8e; } .chart .axis { stroke: #999; stroke-width: 0.3; }
.chart text { font-size: 3px; text-anchor: middle; fill: #333; } .chart .t { fill: #666; }
.none { color: #777; font-style: italic; }
.comments { columns: 2; column-gap: 6mm; font-size: 9.5pt; } .comments p { margin: 0 0 1.5mm; break-inside: avoid; }
`;

/** The whole report page. */
export function reportHtml(f: Figures, lang: Lang): string {
  const t: T = (key, params) => translate(lang, key, params);
  const pct = f.expected ? Math.round((f.arrived / f.expected) * 100) : 0;
  const apps = f.nominees.reduce((a, n) => a + n.applications, 0);
  const honoured = f.nominees.reduce((a, n) => a + n.honoured, 0);
  const turnout = (rows: Figures['byCategory'] | Figures['byNomination']) =>
    rows.length
      ? bars(rows.map((r) => ({ label: r.label, value: r.arrived, of: r.expected })))
      : `<p class="none">${t('report.none')}</p>`;
  const tile = (value: string | number, label: string) =>
    `<div class="tile"><b>${value}</b><span>${escapeHtml(label)}</span></div>`;
  const comments = f.feedback.comments.slice(-30);
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(t('report.title'))}: ${escapeHtml(f.ceremonyTitle)}</title>
<style>${printFontFaces()}${STYLE}</style></head><body>
<h1>${escapeHtml(t('report.title'))} «${escapeHtml(f.ceremonyTitle)}»</h1>
<p class="sub">${escapeHtml(t('report.generated', { date: formatDate(lang, f.at), time: formatClock(lang, f.at) }))}</p>
<div class="tiles">
${tile(apps, t('report.applicationsCol'))}${tile(honoured, t('report.honouredCol'))}
${tile(`${f.arrived} / ${f.expected}`, `${t('report.arrivedCol')} / ${t('report.expectedCol')} · ${pct} %`)}
${tile(f.feedback.average === null ? '—' : formatDecimal(lang, f.feedback.average), `${t('report.feedbackAverage')} · ${t('report.feedbackCount')}: ${f.feedback.count}`)}
</div>
<section><h2>${escapeHtml(t('report.applications'))}</h2>
<table><thead><tr><th>${t('report.kind')}</th><th class="n">${t('report.applicationsCol')}</th><th class="n">${t('report.honouredCol')}</th></tr></thead><tbody>
${f.nominees.map((n) => `<tr><td>${escapeHtml(t(`kind.${n.kind}`))}</td><td class="n">${n.applications}</td><td class="n">${n.honoured}</td></tr>`).join('')}
<tr><th>${t('report.total')}</th><th class="n">${apps}</th><th class="n">${honoured}</th></tr></tbody></table>
${bars(f.nominees.map((n) => ({ label: t(`kind.${n.kind}`), value: n.honoured, of: n.applications })))}
</section>
<section class="two"><div><h2>${escapeHtml(t('admin.dashboard.byCategory'))}</h2>${turnout(f.byCategory)}</div>
<div><h2>${escapeHtml(t('admin.dashboard.byNomination'))}</h2>${turnout(f.byNomination)}</div></section>
<section><h2>${escapeHtml(t('report.arrivals', { minutes: f.arrivals.slotMinutes }))}</h2>${arrivalsChart(f, lang, t)}</section>
<section><h2>${escapeHtml(t('report.stations'))}</h2>${
    f.stations.some((s) => s.visits > 0)
      ? bars(f.stations.map((s) => ({ label: s.title, value: s.visits })))
      : `<p class="none">${t('report.none')}</p>`
  }</section>
<section data-section="feedback"><h2>${escapeHtml(t('report.feedback'))}</h2>${
    f.feedback.count
      ? bars(
          f.feedback.byRating
            .map((n, i) => ({ label: t('report.rating', { n: i + 1 }), value: n }))
            .reverse(),
        )
      : `<p class="none">${t('report.none')}</p>`
  }
${comments.length ? `<div class="comments">${comments.map((c) => `<p>«${escapeHtml(c)}»</p>`).join('')}</div>` : ''}
<p class="sub">${escapeHtml(t('report.noConsent', { n: f.withoutConsent }))}</p>
</section>
</body></html>`;
}
