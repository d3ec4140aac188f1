/** How the booth's targets are doing, for the host and admin: a failing one is a warning, never a stop. */
export interface BoothTargetStatus {
  id: string;
  name: string;
  ok: boolean;
  /** Server epoch ms of the last failure, while it is failing. */
  failedAt?: number;
  /** A dictionary key saying why (timeout, refused…), for `t(reason)`. */
  reason?: string;
}

export interface BoothServerEvents {
  /** To host and admin sockets on connect and whenever a target starts or stops failing. */
  'booth:status': (payload: { targets: BoothTargetStatus[] }) => void;
}
