import packageJson from '../package.json' with { type: 'json' };

/** The server's version, as /api/health and the package files tell it: package.json is its one home. */
export const VERSION: string = packageJson.version;
