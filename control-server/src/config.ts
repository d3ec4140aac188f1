import path from 'node:path';
import { z } from 'zod';
import type { CertificateFiles } from './transport/own-certificate.js';

const unsetWhenEmpty = (v: unknown) => (v === '' ? undefined : v);

// An empty variable (`HOST_PIN=` in a service file) means "not set": generate one.
const pin = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .regex(/^\d{6,12}$/, 'a PIN is 6 to 12 digits')
    .optional(),
);

/** Who may sign in and for how long, and what a client may hold; see docs/RELIABILITY.md «Security — access». */
export interface AccessConfig {
  /** A device token unused this long stops working; using it renews it. */
  tokenTtlHours: number;
  /** Devices of one role signed in at once; the next sign-in is refused until the admin revokes one. */
  maxDevicesPerRole: number;
  /** Host names (besides this computer's own names and addresses, and localhost) the server answers to. */
  allowedHosts: string[];
  /** A client has this long to send its request headers, and this long for the whole request. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** Open connections from one address; the venue's NAT puts every phone behind one, so it is generous. */
  maxConnectionsPerAddress: number;
}

export const ACCESS_DEFAULTS: AccessConfig = {
  tokenTtlHours: 36,
  maxDevicesPerRole: 100,
  allowedHosts: [],
  headersTimeoutMs: 10_000,
  // Media uploads (a video over hall Wi-Fi) are the longest requests.
  requestTimeoutMs: 10 * 60_000,
  maxConnectionsPerAddress: 256,
};

const ConfigSchema = z.object({
  /** PostgreSQL shared by every hub of the evening (protocol.md «Several hubs»); unset: SQLite in DATA_DIR. */
  DATABASE_URL: z.preprocess(
    unsetWhenEmpty,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL is postgres://user:pass@host:port/db')
      .optional(),
  ),
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
  /** The organiser's own certificate (full chain, PEM) and its key for their domain; both or neither. */
  TLS_CERT_FILE: z.preprocess(unsetWhenEmpty, z.string().optional()),
  TLS_KEY_FILE: z.preprocess(unsetWhenEmpty, z.string().optional()),
  TOKEN_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(ACCESS_DEFAULTS.tokenTtlHours),
  MAX_DEVICES_PER_ROLE: z.coerce.number().int().min(1).default(ACCESS_DEFAULTS.maxDevicesPerRole),
  /** Comma-separated, e.g. `ceremony.local,show.example.org`. */
  ALLOWED_HOSTS: z.string().default(''),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).default(ACCESS_DEFAULTS.headersTimeoutMs),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(ACCESS_DEFAULTS.requestTimeoutMs),
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce
    .number()
    .int()
    .min(1)
    .default(ACCESS_DEFAULTS.maxConnectionsPerAddress),
  /** Hardware buttons (Companion, Stream Deck) may send show commands over plain HTTP from the LAN. */
  PLAIN_HTTP_SHOW: z.enum(['on', 'off']).default('on'),
  /** Largest media upload in bytes: several-GB video interviews fit the default (8 GiB). */
  MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 1024 ** 3),
  /** UDP port for OSC commands from the booth (Companion, QLab, a desk); unset: OSC input off. */
  OSC_IN_PORT: z.preprocess(unsetWhenEmpty, z.coerce.number().int().min(0).max(65535).optional()),
  /** Sender addresses OSC commands are taken from, comma-separated. */
  OSC_ALLOW: z.string().default('127.0.0.1'),
  /** `host:port,…`: each hears `/ceremony/cue` on every cue change. */
  OSC_OUT: z
    .string()
    .default('')
    .refine(
      (v) =>
        v.split(',').every((t) => {
          const m = /^[^\s:,]+:(\d{1,5})$/.exec(t.trim());
          return t.trim() === '' || (m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 65535);
        }),
      'OSC_OUT is host:port, comma-separated',
    ),
});

/** The booth's OSC: input (off unless a port is set) and the fixed cue-feed targets. */
export interface BoothConfig {
  /** null: no OSC input; 0 picks a free port (tests). */
  oscInPort: number | null;
  oscAllow: string[];
  oscOut: { host: string; port: number }[];
}

export const BOOTH_DEFAULTS: BoothConfig = { oscInPort: null, oscAllow: ['127.0.0.1'], oscOut: [] };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  pins: Partial<Record<'admin' | 'host' | 'volunteer' | 'display', string>>;
  appsDir: string;
  /** null: no HTTPS listener. */
  httpsPort: number | null;
  /** TLS_CERT_FILE / TLS_KEY_FILE: HTTPS with the organiser's certificate instead of the hall root's. */
  tls?: CertificateFiles;
  /** Left out (benchmarks, older callers): ACCESS_DEFAULTS. */
  access?: AccessConfig;
  /** PLAIN_HTTP_SHOW: show commands over plain HTTP from the LAN; absent: allowed. */
  plainHttpShow?: boolean;
  /** Largest media upload in bytes (MEDIA_MAX_BYTES); absent: 8 GiB. */
  mediaMaxBytes?: number;
  /** OSC_IN_PORT, OSC_ALLOW, OSC_OUT; absent: BOOTH_DEFAULTS (no OSC). */
  booth?: BoothConfig;
  /** DATABASE_URL: the PostgreSQL shared by several hubs; absent: the embedded SQLite. */
  databaseUrl?: string;
}

/** The one place that reads process.env: everything else gets a validated Config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, repoRoot = defaultRepoRoot()): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  // One without the other would quietly fall back to the hall root: phones would not trust it.
  if ((c.TLS_CERT_FILE === undefined) !== (c.TLS_KEY_FILE === undefined))
    throw new Error('Invalid configuration:\n  TLS_CERT_FILE, TLS_KEY_FILE: set both or neither');
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    pins: { admin: c.ADMIN_PIN, host: c.HOST_PIN, volunteer: c.VOLUNTEER_PIN, display: c.DISPLAY_PIN },
    appsDir: path.resolve(c.APPS_DIR ?? repoRoot),
    httpsPort: c.HTTPS_PORT === 'off' ? null : Number(c.HTTPS_PORT),
    ...(c.TLS_CERT_FILE && c.TLS_KEY_FILE
      ? { tls: { certFile: path.resolve(c.TLS_CERT_FILE), keyFile: path.resolve(c.TLS_KEY_FILE) } }
      : {}),
    access: {
      tokenTtlHours: c.TOKEN_TTL_HOURS,
      maxDevicesPerRole: c.MAX_DEVICES_PER_ROLE,
      allowedHosts: c.ALLOWED_HOSTS.split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
      headersTimeoutMs: c.HEADERS_TIMEOUT_MS,
      requestTimeoutMs: c.REQUEST_TIMEOUT_MS,
      maxConnectionsPerAddress: c.MAX_CONNECTIONS_PER_ADDRESS,
    },
    mediaMaxBytes: c.MEDIA_MAX_BYTES,
    ...(c.DATABASE_URL ? { databaseUrl: c.DATABASE_URL } : {}),
    plainHttpShow: c.PLAIN_HTTP_SHOW === 'on',
    booth: {
      oscInPort: c.OSC_IN_PORT ?? null,
      oscAllow: listOf(c.OSC_ALLOW),
      oscOut: listOf(c.OSC_OUT).map((t) => {
        const at = t.lastIndexOf(':');
        return { host: t.slice(0, at), port: Number(t.slice(at + 1)) };
      }),
    },
  };
}

/** The control-server package's folder: src/config.ts and dist/main.js both sit one level below it. */
export const PACKAGE_DIR = path.resolve(import.meta.dirname, '..');
const listOf = (v: string) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function defaultRepoRoot(): string {
  return path.resolve(PACKAGE_DIR, '..');
}
