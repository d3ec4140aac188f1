import { describe, expect, it } from 'vitest';
import { mediaFromHub } from './hubMedia.js';

const A = 'http://192.168.1.20:8080';
const B = 'http://192.168.1.21:8080';

describe('mediaFromHub: a moved page loads media from the hub it is on', () => {
  it.each([
    { name: 'on its own hub: as it is', url: '/media/a.jpg', hub: A, want: '/media/a.jpg' },
    { name: 'before the first connect: as it is', url: '/media/a.jpg', hub: null, want: '/media/a.jpg' },
    { name: 'moved: from the new hub', url: '/media/a.jpg', hub: B, want: `${B}/media/a.jpg` },
    {
      name: 'moved: the query is kept (the projector copy)',
      url: '/media/%D0%90.jpg?for=stage',
      hub: `${B}/`,
      want: `${B}/media/%D0%90.jpg?for=stage`,
    },
    {
      name: 'an outside address: as it is',
      url: 'https://cdn.example/a.jpg',
      hub: B,
      want: 'https://cdn.example/a.jpg',
    },
    { name: 'another path of the hub: as it is', url: '/api/info', hub: B, want: '/api/info' },
    { name: 'empty: as it is', url: '', hub: B, want: '' },
    { name: 'a hub that is no URL: as it is', url: '/media/a.jpg', hub: 'not a url', want: '/media/a.jpg' },
  ])('$name', ({ url, hub, want }) => {
    expect(mediaFromHub(url, hub, A)).toBe(want);
  });
});
