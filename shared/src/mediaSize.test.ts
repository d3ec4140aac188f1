import { describe, expect, it } from 'vitest';
import { mediaSize, stagePhotoUrl } from './mediaLibrary.js';

describe('mediaSize', () => {
  it.each([
    [0, { unit: 'b', value: 0, digits: 0 }],
    [512, { unit: 'b', value: 512, digits: 0 }],
    [350 * 1024, { unit: 'kb', value: 350, digits: 0 }],
    [1536, { unit: 'kb', value: 1.5, digits: 1 }],
    [1024 * 1024 - 100, { unit: 'mb', value: 1, digits: 1 }],
    [12.4 * 1024 ** 2, { unit: 'mb', value: 12, digits: 0 }],
    [1.2 * 1024 ** 3, { unit: 'gb', value: 1.2, digits: 1 }],
    [3000 * 1024 ** 3, { unit: 'gb', value: 3000, digits: 0 }],
  ] as const)('%d bytes', (bytes, expected) => expect(mediaSize(bytes)).toEqual(expected));
});

describe('stagePhotoUrl', () => {
  it.each([
    ['/media/Ёлкина.jpg', `/media/${encodeURIComponent('Ёлкина.jpg')}?for=stage`],
    ['/media/a%20b.png', '/media/a%20b.png?for=stage'],
    ['https://example.org/x.jpg', 'https://example.org/x.jpg'],
    [undefined, undefined],
  ])('%s', (url, expected) => expect(stagePhotoUrl(url)).toBe(expected));
});
