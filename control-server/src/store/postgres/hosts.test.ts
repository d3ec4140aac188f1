import { describe, expect, it } from 'vitest';
import { connectionFor, databaseHosts, urlFor } from './hosts.js';

describe('databaseHosts', () => {
  it.each([
    ['postgres://u:p@127.0.0.1:5432/ceremony', [{ host: '127.0.0.1', port: 5432 }]],
    ['postgresql://laptop1/ceremony', [{ host: 'laptop1', port: 5432 }]],
    [
      'postgres://u@laptop1:5432,laptop2:5433/ceremony',
      [
        { host: 'laptop1', port: 5432 },
        { host: 'laptop2', port: 5433 },
      ],
    ],
    [
      'postgres://u:p%40ss@[::1]:6000,10.0.0.2/ceremony?sslmode=disable',
      [
        { host: '::1', port: 6000 },
        { host: '10.0.0.2', port: 5432 },
      ],
    ],
    ['postgres:///ceremony?host=/var/run/postgresql', []],
  ])('%s', (url, hosts) => expect(databaseHosts(url)).toEqual(hosts));
});

describe('urlFor', () => {
  it.each([
    [
      'postgres://u:p@laptop1:5432,laptop2:5433/ceremony?sslmode=disable',
      { host: 'laptop2', port: 5433 },
      'postgres://u:p@laptop2:5433/ceremony?sslmode=disable',
    ],
    ['postgres://laptop1,laptop2/db', { host: 'laptop1', port: 5432 }, 'postgres://laptop1:5432/db'],
    ['postgresql://u@a:1,b:2/db', { host: '::1', port: 7 }, 'postgresql://u@[::1]:7/db'],
    [
      'postgres://u:p@a:1,b:2/db?sslmode=verify-full&sslrootcert=/etc/ca.pem&application_name=hub',
      { host: 'b', port: 2 },
      'postgres://u:p@b:2/db?sslmode=verify-full&sslrootcert=/etc/ca.pem&application_name=hub',
    ],
  ])('%s at %o', (url, target, expected) => expect(urlFor(url, target)).toBe(expected));
});

describe('connectionFor', () => {
  it('leaves a one-host URL to node-postgres as it is', () => {
    const url = 'postgres://u@127.0.0.1:5432/ceremony';
    expect(connectionFor(url).config).toEqual({ connectionString: url, ssl: false });
  });

  it('reads the TLS parameters itself and gives node-postgres the URL without them', () => {
    const { config } = connectionFor('postgres://u@a:1,b:2/ceremony?application_name=hub&sslmode=require');
    expect(config).toEqual({
      connectionString: 'postgres://u@a:1/ceremony?application_name=hub',
      ssl: { rejectUnauthorized: false },
    });
  });

  it('gives node-postgres the first host of several; the client picks the writable one when connecting', () => {
    const { config, Client } = connectionFor('postgres://u@a:1,b:2/ceremony');
    expect(config).toEqual({ connectionString: 'postgres://u@a:1/ceremony', ssl: false });
    expect(Client.name).toBe('FailoverClient');
  });
});
