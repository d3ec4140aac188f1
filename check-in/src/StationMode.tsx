import { errorText, formatClock, showMoment, stationWindowMs, type StationGuest } from '@ceremony/shared';
import { useLang, useShow, useShowClient, useT } from '@ceremony/shared/ui';
import { useCallback, useEffect, useState } from 'react';
import { useDeskState } from './desk/DeskProvider.js';
import { CodeForm } from './CodeForm.js';
import {
  guestsInside,
  recordVisit,
  saveStation,
  savedStation,
  undoVisit,
  type VisitAnswer,
} from './desk/station.js';
import { Scanner } from './scanner/Scanner.js';
import { SearchPanel } from './SearchPanel.js';
import { signal } from './signal.js';

/** Whether the foyer stations are open now, from the live show (they close when the show starts). */
function useStationsOpen(): boolean {
  const client = useShowClient();
  const show = useShow((s) => s.show);
  const scenario = useShow((s) => s.scenario);
  if (!show || !scenario) return false;
  return stationWindowMs(showMoment(show, scenario.cues), scenario.ceremony.startsAt, client.serverNow()) > 0;
}

/** A volunteer at a foyer station: pick the station, scan guests in, tap them out; the load is live for all. */
export function StationMode() {
  const t = useT();
  const stations = useShow((s) => s.scenario?.stations);
  const occupancy = useDeskState((s) => s.occupancy);
  const open = useStationsOpen();
  const [stationId, setStationId] = useState<string | null>(savedStation);
  // A remembered station is confirmed before the camera starts: a badge already in view would
  // otherwise be recorded at yesterday's station before the volunteer could change it.
  const [confirmed, setConfirmed] = useState(false);
  const station = stations?.find((s) => s.id === stationId);

  const choose = (id: string | null) => {
    saveStation(id);
    setStationId(id);
    setConfirmed(id !== null);
  };

  if (station && !confirmed)
    return (
      <section className="stations station__confirm" data-testid="station-confirm">
        <h2 className="stations__title">{t('station.confirm', { title: station.title })}</h2>
        <button
          className="cer-button cer-button--primary station__yes"
          data-testid="station-confirm-yes"
          onClick={() => setConfirmed(true)}
        >
          {t('station.confirmYes')}
        </button>
        <button
          className="cer-button station__other"
          data-testid="station-confirm-other"
          onClick={() => choose(null)}
        >
          {t('station.confirmOther')}
        </button>
      </section>
    );

  if (!station)
    return (
      <section className="stations" data-testid="station-picker">
        <h2 className="stations__title">{t('station.pick')}</h2>
        {!open && <p className="stations__closed">{t('station.closed')}</p>}
        <ul className="stations__list">
          {stations?.map((s) => {
            const load = occupancy?.stations.find((o) => o.stationId === s.id);
            return (
              <li key={s.id}>
                <button
                  className="cer-button stations__pick"
                  data-testid="station-pick"
                  onClick={() => choose(s.id)}
                >
                  <span className="stations__name">{s.title}</span>
                  <span className="stations__load">
                    {t('station.load', { inside: load?.inside ?? 0, capacity: s.capacity })} · {s.location}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>
    );
  return <StationDesk stationId={station.id} title={station.title} onLeave={() => choose(null)} />;
}

function StationDesk({
  stationId,
  title,
  onLeave,
}: {
  stationId: string;
  title: string;
  onLeave: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const client = useShowClient();
  const reachable = useDeskState((s) => s.reachable);
  const load = useDeskState((s) => s.occupancy?.stations.find((o) => o.stationId === stationId));
  const open = useStationsOpen();
  const [inside, setInside] = useState<StationGuest[]>([]);
  const [last, setLast] = useState<VisitAnswer | null>(null);
  const [how, setHow] = useState<'camera' | 'search'>('camera');

  const reload = useCallback(() => void guestsInside(client, stationId).then(setInside), [client, stationId]);
  useEffect(() => {
    if (reachable) reload();
  }, [reachable, reload, load?.inside]);

  async function record(who: { code: string } | { guestId: string }) {
    const answer = await recordVisit(client, stationId, who);
    setLast(answer);
    const status = answer.ok ? answer.visit.status : 'error';
    signal(status === 'entered' ? 'ok' : status === 'already-inside' ? 'warn' : 'bad');
    reload();
  }

  async function takeBack(scanId: string) {
    if (await undoVisit(client, stationId, scanId)) setLast(null);
    reload();
  }

  async function leave(guestId: string) {
    await client.send('station:leave', { stationId, guestId });
    reload();
  }

  const tone = !last
    ? ''
    : !last.ok
      ? 'bad'
      : last.visit.status === 'entered'
        ? 'ok'
        : last.visit.status === 'already-inside'
          ? 'warn'
          : 'bad';
  return (
    <section className="station" data-testid="station-desk">
      <header className="station__head">
        <h2 className="station__title">{title}</h2>
        <button className="cer-button cer-button--quiet station__change" onClick={onLeave}>
          {t('station.change')}
        </button>
      </header>
      <p className="station__load" data-testid="station-load" data-inside={load?.inside ?? 0}>
        {t('station.load', { inside: load?.inside ?? 0, capacity: load?.capacity ?? 0 })}
        {load && load.free === 0 && <strong> · {t('station.full')}</strong>}
      </p>
      {!open && <p className="stations__closed">{t('station.closed')}</p>}
      {!reachable && <p className="stations__closed">{t('station.offline')}</p>}
      {last && (
        <div className={`station__last scan--${tone}`} data-testid="station-result" role="status">
          <span>
            {last.ok
              ? t(`station.visit.${last.visit.status}`, { name: last.visit.guest?.name ?? '' })
              : last.error.code === 'NOT_FOUND'
                ? t('station.notFound')
                : errorText(t, last.error)}
          </span>
          {last.ok && last.visit.status === 'entered' && (
            <button
              className="cer-button station__undo"
              data-testid="station-undo"
              onClick={() => void takeBack(last.scanId)}
            >
              {t('station.undo')}
            </button>
          )}
        </div>
      )}
      <div className="station__how" role="group">
        {(['camera', 'search'] as const).map((h) => (
          <button
            key={h}
            className={`cer-button station__howTab ${how === h ? 'station__howTab--on' : ''}`}
            data-testid={`station-how-${h}`}
            aria-pressed={how === h}
            onClick={() => setHow(h)}
          >
            {t(`station.how.${h}`)}
          </button>
        ))}
      </div>
      {how === 'camera' ? (
        <>
          <Scanner onCode={(code) => void record({ code })} />
          <CodeForm onCode={(code) => record({ code })} />
        </>
      ) : (
        <SearchPanel
          action={(g) => (
            <button
              className="cer-button cer-button--primary search__admit"
              data-testid="station-search-visit"
              onClick={() => void record({ guestId: g.id })}
            >
              {t('station.visitHere')}
            </button>
          )}
        />
      )}
      <h3 className="station__inside">{t('station.inside', { n: inside.length })}</h3>
      <ul className="station__guests">
        {inside.map((g) => (
          <li key={g.guestId} className="station__guest" data-testid="station-guest">
            <span>
              {g.name} <span className="station__since">{formatClock(lang, g.enteredAt)}</span>
            </span>
            <button
              className="cer-button station__left"
              data-testid="station-left"
              onClick={() => void leave(g.guestId)}
            >
              {t('station.left')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
