import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localTime } from '../../src/shared/durations.js';

describe('localTime', () => {
  const now = new Date(2026, 10, 26, 12, 0).getTime();

  test('this year: weekday, day, month and the 24-hour time, in local time', () => {
    assert.equal(localTime(new Date(2026, 10, 26, 14, 49).getTime(), now), 'Thu 26 Nov, 14:49');
    assert.equal(localTime(new Date(2026, 8, 1, 0, 5).getTime(), now), 'Tue 1 Sep, 00:05');
  });

  test('another year carries the year', () => {
    assert.equal(localTime(new Date(2027, 11, 31, 9, 3).getTime(), now), 'Fri 31 Dec 2027, 09:03');
  });

  test('reads the same as the local clock for any moment (the fields Intl would print)', () => {
    for (let i = 0; i < 500; i++) {
      const ms = now + Math.round((i - 250) * 7.3 * 86_400_000 + i * 61_000);
      const d = new Date(ms);
      const text = localTime(ms, now);
      assert.match(text, /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d{1,2} [A-Z][a-z]{2}( \d{4})?, \d\d:\d\d$/);
      assert.ok(text.includes(` ${d.getDate()} `), text);
      assert.ok(text.endsWith(`${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`), text);
      assert.equal(text.startsWith(d.toLocaleDateString('en-US', { weekday: 'short' })), true, text);
    }
  });

  test('an invalid moment is empty', () => {
    assert.equal(localTime(Number.NaN, now), '');
  });
});
