import type { Role } from '@ceremony/shared';
import { startServer } from './helpers.js';

/**
 * Tokens signed into a DATA_DIR before any hub takes it to PostgreSQL: the first hub then seeds the
 * evening with them, and every later hub copies them from there. A token issued on a running hub
 * stays in that hub's SQLite until devices are shared (docs/SCALING.md «not yet»), and a later hub's
 * start copies PostgreSQL's devices over its own, so the moving tests sign their devices in first.
 */
export async function tokensBeforeTheEvening<R extends Role>(
  dataDir: string,
  roles: readonly R[],
): Promise<Record<R, string>> {
  const alone = await startServer({ dataDir });
  try {
    return Object.fromEntries(roles.map((role) => [role, alone.token(role)])) as Record<R, string>;
  } finally {
    await alone.stop();
  }
}
