import { describe, expect, it } from 'vitest';
import { hubSources } from './hub-sources.js';

describe('hubSources: where a page may reach the hubs of its evening', () => {
  it.each([
    {
      case: 'one hub alone (SQLite): its origins only, as they are',
      hubs: ['https://192.168.1.20:8443', 'http://192.168.1.20:8080'],
      later: false,
      pages: ['https://192.168.1.20:8443', 'http://192.168.1.20:8080'],
    },
    {
      case: 'several hubs possible: every port on the known host, every host on the known ports',
      hubs: ['https://192.168.1.20:8443', 'http://192.168.1.20:8080', 'http://127.0.0.1:8080'],
      later: true,
      pages: [
        'https://192.168.1.20:*',
        'https://*:8443',
        'http://192.168.1.20:*',
        'http://*:8080',
        'http://127.0.0.1:*',
      ],
    },
    {
      case: 'never every host on 80 or 443 (the whole web): the hosts only',
      hubs: ['http://192.168.1.20', 'https://192.168.1.20:443', 'http://192.168.1.21:80'],
      later: true,
      pages: ['http://192.168.1.20:*', 'https://192.168.1.20:*', 'http://192.168.1.21:*'],
    },
    {
      case: 'an IPv6 hub: no HOST:* (CSP cannot say it), its port covers it',
      hubs: ['http://[2001:db8::1]:8080', 'http://[2001:db8::1]'],
      later: true,
      pages: ['http://[2001:db8::1]', 'http://*:8080'],
    },
    {
      case: 'junk and other schemes are not addresses to allow',
      hubs: ['not a url', 'ftp://192.168.1.20:21', 'javascript:alert(1)'],
      later: true,
      pages: [],
    },
  ])('$case', ({ hubs, later, pages }) => {
    const sources = hubSources(hubs, later);
    expect(sources.pages).toEqual(pages);
    expect(sources.sockets).toEqual(pages.map((p) => p.replace(/^http/, 'ws')));
  });

  it('names each source once however many hubs share a host or a port', () => {
    const hubs = ['http://192.168.1.20:8080', 'http://192.168.1.20:8081', 'http://192.168.1.21:8080'];
    expect(hubSources(hubs, true).pages).toEqual([
      'http://192.168.1.20:*',
      'http://*:8080',
      'http://*:8081',
      'http://192.168.1.21:*',
    ]);
  });
});
