import { useEffect, useState } from 'react';
import { formatClock, type Figures } from '@ceremony/shared';
import { useLang, useT } from '@ceremony/shared/ui';
import { useAdminApi } from './api.js';

/** Bars scaled to the largest value: arrived over expected where both are known. */
function Bars({ rows }: { rows: { label: string; value: number; of?: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.of ?? r.value));
  return (
    <div className="admin-bars">
      {rows.map((r) => (
        <div className="admin-bars__row" key={r.label}>
          <span className="admin-bars__label" data-testid="bar-label">
            {r.label}
          </span>
          <span className="admin-bars__track">
            {r.of !== undefined && (
              <span className="admin-bars__of" style={{ width: `${(r.of / max) * 100}%` }} />
            )}
            <span className="admin-bars__bar" style={{ width: `${(r.value / max) * 100}%` }} />
          </span>
          <span className="admin-bars__num">{r.of === undefined ? r.value : `${r.value} / ${r.of}`}</span>
        </div>
      ))}
    </div>
  );
}

/** Arrivals per slot as columns. */
function Arrivals({ figures }: { figures: Figures }) {
  const lang = useLang();
  const t = useT();
  const { slots } = figures.arrivals;
  // Before the doors open the chart was a blank box that looked broken: say why it is empty.
  if (!slots.some((s) => s.count > 0))
    return (
      <p className="admin-empty" data-testid="arrivals-chart" data-empty>
        {t('admin.dashboard.noArrivals')}
      </p>
    );
  const max = Math.max(1, ...slots.map((s) => s.count));
  const every = Math.ceil(slots.length / 8);
  return (
    <div className="admin-cols" data-testid="arrivals-chart">
      {slots.map((s, i) => (
        <div className="admin-cols__col" key={s.at} title={`${formatClock(lang, s.at)}: ${s.count}`}>
          <span className="admin-cols__n">{s.count || ''}</span>
          <span className="admin-cols__bar" style={{ height: `${(s.count / max) * 100}%` }} />
          <span className="admin-cols__t">{i % every === 0 ? formatClock(lang, s.at) : ''}</span>
        </div>
      ))}
    </div>
  );
}

/** The live figures of the evening, refreshed every few seconds, and the final report. */
export function Dashboard() {
  const t = useT();
  const api = useAdminApi();
  const [figures, setFigures] = useState<Figures | null>(null);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const answer = await api.get<{ figures: Figures }>('/api/admin/dashboard');
      if (live && answer.ok) setFigures(answer.figures);
    };
    void load();
    const timer = setInterval(() => void load(), 5000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api]);
  if (!figures) return <div className="admin-section">{t('conn.connecting')}</div>;
  const f = figures;
  return (
    <div className="admin-section admin-dashboard" data-testid="dashboard">
      <header className="admin-head">
        <h2>{t('admin.dashboard.title')}</h2>
        <button className="cer-button" onClick={() => void api.openPage('/api/admin/report.html')}>
          {t('admin.dashboard.report')}
        </button>
        <button
          className="cer-button cer-button--quiet"
          onClick={() => void api.download('/api/admin/report.csv', 'report.csv')}
        >
          {t('admin.dashboard.reportCsv')}
        </button>
      </header>
      <div className="admin-tiles">
        <div className="admin-tile" data-testid="dash-arrived">
          <b>
            {f.arrived} / {f.expected}
          </b>
          <span>
            {t('admin.dashboard.arrived')} / {t('admin.dashboard.expected')}
          </span>
        </div>
        <div className="admin-tile">
          <b>{f.feedback.average === null ? '—' : f.feedback.average.toFixed(1)}</b>
          <span>
            {t('admin.dashboard.feedback')}: {f.feedback.count}
          </span>
        </div>
      </div>
      <div className="admin-grid">
        <section>
          <h3>{t('admin.dashboard.arrivals')}</h3>
          <Arrivals figures={f} />
        </section>
        <section>
          <h3>{t('admin.dashboard.byCategory')}</h3>
          <Bars rows={f.byCategory.map((c) => ({ label: c.label, value: c.arrived, of: c.expected }))} />
        </section>
        <section>
          <h3>{t('admin.dashboard.byNomination')}</h3>
          <Bars rows={f.byNomination.map((c) => ({ label: c.label, value: c.arrived, of: c.expected }))} />
        </section>
        <section>
          <h3>{t('admin.dashboard.stations')}</h3>
          <Bars rows={f.stations.map((s) => ({ label: s.title, value: s.visits }))} />
        </section>
      </div>
    </div>
  );
}
