import path from 'node:path';
import { z } from 'zod';

// An empty variable (`HOST_PIN=` in a service file) means "not set": generate one.
const pin = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .regex(/^\d{6,12}$/, 'a PIN is 6 to 12 digits')
    .optional(),
);

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_PIN: pin,
  HOST_PIN: pin,
  VOLUNTEER_PIN: pin,
  DISPLAY_PIN: pin,
  /** Where the built apps live; by default beside this package in the monorepo. */
  APPS_DIR: z.string().optional(),
  /** HTTPS beside HTTP: phones only allow the camera and offline install on a secure page. */
  HTTPS_PORT: z
    .string()
    .default('8443')
    .refine((v) => v === 'off' || /^\d{1,5}$/.test(v), 'HTTPS_PORT is a port number or "off"'),
  /** Largest media upload in bytes: several-GB video interviews fit the default (8 GiB). */
  MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 1024 ** 3),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  pins: Partial<Record<'admin' | 'host' | 'volunteer' | 'display', string>>;
  appsDir: string;
  /** null: no HTTPS listener. */
  httpsPort: number | null;
  /** Largest media upload in bytes (MEDIA_MAX_BYTES); absent: 8 GiB. */
  mediaMaxBytes?: number;
}

/** The one place that reads process.env: everything else gets a validated Config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, repoRoot = defaultRepoRoot()): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    pins: { admin: c.ADMIN_PIN, host: c.HOST_PIN, volunteer: c.VOLUNTEER_PIN, display: c.DISPLAY_PIN },
    appsDir: path.resolve(c.APPS_DIR ?? repoRoot),
    httpsPort: c.HTTPS_PORT === 'off' ? null : Number(c.HTTPS_PORT),
    mediaMaxBytes: c.MEDIA_MAX_BYTES,
  };
}

function defaultRepoRoot(): string {
  // src/config.ts and dist/main.js both sit one level below the package, two below the repo.
  return path.resolve(import.meta.dirname, '..', '..');
}
