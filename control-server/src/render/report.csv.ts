import { formatDecimal, translate, type Figures, type Lang } from '@ceremony/shared';
import { csvFile } from './csv.js';

/** The post-event report as a CSV for Excel: one section per table, figures only. */
export function reportCsv(f: Figures, lang: Lang): string {
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) =>
    translate(lang, k, p);
  const time = (ms: number) =>
    new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
    }).format(ms);
  const rows: (string | number | null)[][] = [
    [t('report.title'), f.ceremonyTitle],
    [],
    [t('report.applications')],
    [t('report.kind'), t('report.applicationsCol'), t('report.honouredCol')],
    ...f.nominees.map((n) => [t(`kind.${n.kind}`), n.applications, n.honoured]),
    [
      t('report.total'),
      f.nominees.reduce((a, n) => a + n.applications, 0),
      f.nominees.reduce((a, n) => a + n.honoured, 0),
    ],
    [],
    [t('report.guests')],
    [t('report.group'), t('report.expectedCol'), t('report.arrivedCol')],
    [t('report.total'), f.expected, f.arrived],
    [t('admin.dashboard.byCategory')],
    ...f.byCategory.map((c) => [c.label, c.expected, c.arrived]),
    [t('admin.dashboard.byNomination')],
    ...f.byNomination.map((n) => [n.label, n.expected, n.arrived]),
    [],
    [t('report.arrivals', { minutes: f.arrivals.slotMinutes })],
    [t('report.time'), t('report.count')],
    ...f.arrivals.slots.map((s) => [time(s.at), s.count]),
    [],
    [t('report.stations')],
    [t('report.station'), t('report.visitsCol'), t('report.uniqueCol')],
    ...f.stations.map((s) => [s.title, s.visits, s.guests]),
    [],
    [t('report.feedback')],
    [t('report.feedbackCount'), f.feedback.count],
    [t('report.feedbackAverage'), f.feedback.average === null ? '' : formatDecimal(lang, f.feedback.average)],
    ...f.feedback.byRating.map((n, i) => [t('report.rating', { n: i + 1 }), n]),
    ...f.feedback.comments.map((c) => ['', c]),
  ];
  return csvFile(rows);
}
