import type { StationsOccupancy } from '@ceremony/shared';
import { useShowClient } from '@ceremony/shared/ui';
import { useEffect, useState } from 'react';

const toMap = (o: StationsOccupancy) => new Map(o.stations.map((s) => [s.stationId, s.free]));

/**
 * Free places per foyer station, live, while a break slide is up: asked once, then every broadcast
 * after a visit or a leave. Undefined until the server has told (the slide then shows no numbers).
 */
export function useStationsFree(active: boolean): ReadonlyMap<string, number> | undefined {
  const client = useShowClient();
  const [free, setFree] = useState<ReadonlyMap<string, number>>();
  useEffect(() => {
    if (!active) return;
    let live = true;
    void client.send('stations:occupancy', {}).then((a) => {
      if (live && a.ok) setFree(toMap(a.occupancy));
    });
    const off = client.on('stations:occupancy', (o) => setFree(toMap(o)));
    return () => {
      live = false;
      off();
    };
  }, [client, active]);
  return free;
}
