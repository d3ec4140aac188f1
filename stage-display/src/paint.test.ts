import { expect, it } from 'vitest';
import { MARKS_KEPT, markArrived, paintMarksWanted, pendingArrivals } from './paint.js';

it.each([
  ['', false],
  ['?debug=1', false],
  ['?view=confidence', false],
  ['?bench=paint', true],
  ['?view=main&bench=paint', true],
])('measures paints only when the bench asks: %s', (search, wanted) => {
  expect(paintMarksWanted(search)).toBe(wanted);
});

it('keeps a bounded number of arrivals however many states were never painted', () => {
  for (let revision = 1; revision <= 5000; revision++) markArrived(revision);
  expect(pendingArrivals()).toBeLessThanOrEqual(MARKS_KEPT);
});
