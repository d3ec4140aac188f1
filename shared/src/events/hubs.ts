export interface HubServerEvents {
  /**
   * To every role, on connect and whenever the hub's list of live hubs changes (another hub started,
   * or went silent): the same `hubs` as `GET /api/info`, this hub first. A screen learns of a backup
   * hub within a heartbeat rather than on its next poll, at the cost of one small message per screen
   * per change, and none per screen in between.
   */
  'hubs:list': (payload: { hubs: string[] }) => void;
}
