/** Turns the measured figures into table rows with their targets, and the notes under the table. */
import type { Row } from './report.js';
import type { FanOut, ShowFigures } from './show.js';

type Pair<T> = { ours: T; bare: T };

export interface Figures {
  show: Pair<ShowFigures>;
  /** One hub on PostgreSQL, GO by GO beside ours (SQLite) and bare, at the smaller sizes. */
  postgresFanOut: FanOut[];
  restart: Pair<{ clients: number; ms: number; startMs: number }>;
  cold: Pair<number>;
  bundles: Record<'host' | 'display' | 'checkin', number>;
  bareClient: number;
  paint: { p50: number; p95: number; n: number } | null;
}

const within = (ours: number, bare: number, factor: number) => ours <= bare * factor;

/** The issue's goals (#13): the median within 1.25× of bare, the 99th percentile within 1.5×; max is shown. */
const FAN_OUT_GOAL = { p50: 1.25, p99: 1.5, max: null } as const;

function fanOutRows(label: string, o: FanOut, b: FanOut, target: boolean): Row[] {
  return (['p50', 'p99', 'max'] as const).map((k) => {
    const goal = target ? FAN_OUT_GOAL[k] : null;
    return {
      figure: `${label}: GO → last display, ${k} (${o.samples} GOs${o.missed ? `, ${o.missed} never arrived` : ''})`,
      ours: o[k],
      bare: b[k],
      unit: 'ms',
      better: 'lower' as const,
      target: goal ? `≤ ${goal}× bare` : '',
      met: goal ? within(o[k], b[k], goal) : null,
      loop: { ours: o.loop, bare: b.loop },
    };
  });
}

export function buildRows(f: Figures): Row[] {
  const rows: Row[] = [];
  f.show.ours.fanOut.forEach((o, i) => {
    rows.push(...fanOutRows(`Cue fan-out to ${o.clients} displays`, o, f.show.bare.fanOut[i]!, true));
  });
  f.postgresFanOut.forEach((p) => {
    const b = f.show.bare.fanOut.find((x) => x.clients === p.clients);
    if (b) rows.push(...fanOutRows(`Cue fan-out to ${p.clients} displays, ours on PostgreSQL`, p, b, true));
  });
  const so = f.show.ours.scale;
  const sb = f.show.bare.scale;
  rows.push(
    {
      figure: `Scale: sockets connected (asked ${so.clients + so.failed})`,
      ours: so.clients,
      bare: sb.clients,
      unit: '',
      better: 'higher',
      target: '10,000',
      met: so.clients >= 10_000,
    },
    {
      figure: `Scale: server RSS with ${so.clients} sockets`,
      ours: so.rssMb,
      bare: sb.rssMb,
      unit: 'MB',
      better: 'lower',
      target: '< 1024 MB',
      met: so.rssMb < 1024,
    },
    {
      figure: 'Scale: server RSS per 1,000 sockets',
      ours: so.perThousandMb,
      bare: sb.perThousandMb,
      unit: 'MB',
      better: 'lower',
      target: '',
      met: null,
    },
    ...fanOutRows(`Scale: GO to all ${so.clients}`, so.go, sb.go, false).filter(
      (r) => !r.figure.includes('p99'),
    ),
    {
      figure: 'Cold start: spawn → /api/health answers (median of 3, empty DATA_DIR)',
      ours: f.cold.ours,
      bare: f.cold.bare,
      unit: 'ms',
      better: 'lower',
      target: '',
      met: null,
    },
    {
      figure: `Restart: SIGKILL → every one of ${f.restart.ours.clients} displays resynced`,
      ours: f.restart.ours.ms,
      bare: f.restart.bare.ms,
      unit: 'ms',
      better: 'lower',
      target: '',
      met: null,
    },
  );
  const names = { host: 'host console', display: 'stage display', checkin: 'check-in' } as const;
  for (const app of ['host', 'display', 'checkin'] as const) {
    rows.push({
      figure: `Initial JS of the ${names[app]}, gzipped (bare: socket.io-client alone)`,
      ours: f.bundles[app] / 1024,
      bare: f.bareClient / 1024,
      unit: 'KB',
      better: 'lower',
      target: '≤ 150 KB',
      met: f.bundles[app] <= 150 * 1024,
    });
  }
  if (f.paint) {
    for (const k of ['p50', 'p95'] as const) {
      rows.push({
        figure: `GO → new cue painted on the stage display, ${k} (n=${f.paint.n}; bench/paint.ts)`,
        ours: f.paint[k],
        bare: null,
        unit: 'ms',
        better: 'lower',
        target: '',
        met: null,
      });
    }
  }
  return rows;
}

/** The lines under the table: misses with their size, and the sockets that failed to connect. */
export function notes(rows: Row[], show: Pair<ShowFigures>): string[] {
  const missed = rows.filter((r) => r.met === false);
  const lines = ['### Targets missed in this run', ''];
  if (missed.length === 0) lines.push('None.');
  for (const r of missed) {
    const by = r.bare ? ` (${(r.ours / r.bare).toFixed(2)}× bare)` : '';
    lines.push(`- ${r.figure}: ${r.ours.toFixed(1)} ${r.unit}${by}, target ${r.target}.`);
  }
  lines.push(
    '',
    '### Cross-checks',
    '',
    `- Sockets that failed to connect at scale: ours ${show.ours.scale.failed}, bare ${show.bare.scale.failed}.`,
    '- Check-in figures (durable admissions, SQLite and PostgreSQL, honest devices): `npm run bench:checkin`, section «Several hubs».',
  );
  return lines;
}
