import { describe, expect, it } from 'vitest';
import { fitOrganisation, quotedFirst } from './badges.fit.js';

describe('fitOrganisation', () => {
  const long =
    'Автономная некоммерческая организация социальной поддержки семей с детьми-инвалидами и пожилых граждан «Тёплый дом для каждого»';
  const longest = `${long} при участии городского совета ветеранов войны, труда, вооружённых сил и правоохранительных органов`;
  it.each([
    { name: 'Средняя школа № 3', size: 3, first: 'Средняя' },
    { name: long, size: 2.6, first: 'Автономная' },
    { name: longest, size: 2.2, first: '«Тёплый' },
  ])('$size mm for $name.length characters', ({ name, size, first }) => {
    const fit = fitOrganisation(name);
    expect(fit.sizeMm).toBe(size);
    expect(fit.text.startsWith(first)).toBe(true);
    // Nothing is dropped: the same words, only the quoted name moved to the front.
    expect(fit.text.replace(/ — /, ' ').split(/\s+/).sort()).toEqual(name.split(/\s+/).sort());
  });

  it.each([
    { name: 'АНО «Тёплый дом»', want: '«Тёплый дом» — АНО' },
    { name: '«Свет» при ДК', want: '«Свет» при ДК' },
    { name: 'Без кавычек', want: 'Без кавычек' },
  ])('quotedFirst($name)', ({ name, want }) => expect(quotedFirst(name)).toBe(want));
});
