import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findAllDatesInText, findDateInText, parseDate } from '@/utils/extract/date';
import { seededRandom } from '../../../scripts/lib/seeded-random';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('parseDate: Vietnamese portal formats (PORTALS.md §3)', () => {
  it.each([
    ['12/06/2023', '2023-06-12'],
    ['15/08/2026 06:54', '2026-08-15T06:54:00+07:00'],
    ['28/08/2025  20:36', '2025-08-28T20:36:00+07:00'],
    ['Thứ Hai, 12/06/2023 10:30', '2023-06-12T10:30:00+07:00'],
    ['Thứ hai, 12/06/2023 10:30', '2023-06-12T10:30:00+07:00'],
    ['Chủ nhật, 11/06/2023 07:05', '2023-06-11T07:05:00+07:00'],
    ['Thứ Bảy, 04/04/2026, 10:30 (GMT+7)', '2026-04-04T10:30:00+07:00'],
    ['Thứ ba, 4/8/2020, 9:05', '2020-08-04T09:05:00+07:00'],
    ['15:55 | 10/07/2026', '2026-07-10T15:55:00+07:00'],
    ['21/12/2012 | 12:00 AM', '2012-12-21T00:00:00+07:00'],
    ['Ngày đăng 20/06/2018 | 4:12 PM', '2018-06-20T16:12:00+07:00'],
    ['20/06/2018 | 12:15 PM', '2018-06-20T12:15:00+07:00'],
    ['18:53, 14/08/2026', '2026-08-14T18:53:00+07:00'],
    ['14/08/2026 - 21:20', '2026-08-14T21:20:00+07:00'],
    ['05-09-2026 - 17:09 PM', '2026-09-05T17:09:00+07:00'],
    ['Hà Nội, ngày 27 tháng 8 năm 2009', '2009-08-27'],
    ['T2, 12/06/2023 12h30', '2023-06-12T12:30:00+07:00'],
    ['T7, 17/06/2023', '2023-06-17'],
    ['CN, 18/06/2023 - 08:00', '2023-06-18T08:00:00+07:00'],
    ['12.06.2023', '2023-06-12'],
    ['12/06/2023 (GMT+07:00)', '2023-06-12'],
    ['12/06/2023 lúc 9 giờ 30', '2023-06-12T09:30:00+07:00'],
    ['12/06/2023 2:15:40 CH', '2023-06-12T14:15:40+07:00'],
    ['12/06/2023 12:05 SA', '2023-06-12T00:05:00+07:00'],
    ['8 giờ tối ngày 12/06/2023', '2023-06-12T20:00:00+07:00'],
    ['9h30 sáng, 12/06/2023', '2023-06-12T09:30:00+07:00'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(text)?.iso).toBe(iso);
  });

  it('says whether the text gave a time', () => {
    expect(parseDate('12/06/2023')).toEqual({ iso: '2023-06-12', hasTime: false });
    expect(parseDate('12/06/2023 10:30')).toEqual({ iso: '2023-06-12T10:30:00+07:00', hasTime: true });
  });
});

describe('parseDate: machine and English formats', () => {
  it.each([
    // An explicit zone is kept as given (same instant), not converted to +07:00.
    ['2023-06-12T03:30:00Z', '2023-06-12T03:30:00+00:00'],
    ['2023-06-12T10:30:00.000+07:00', '2023-06-12T10:30:00+07:00'],
    ['2023-06-12T10:30:00+0700', '2023-06-12T10:30:00+07:00'],
    ['2023-06-12T10:30:00-04:00', '2023-06-12T10:30:00-04:00'],
    ['2023-06-12T10:30:00', '2023-06-12T10:30:00+07:00'],
    ['2023-06-12 10:30', '2023-06-12T10:30:00+07:00'],
    ['2023-06-12', '2023-06-12'],
    ['Mon, 12 Jun 2023 10:30:00 +0700', '2023-06-12T10:30:00+07:00'],
    ['Mon, 12 Jun 2023 03:30:00 GMT', '2023-06-12T03:30:00+00:00'],
    ['12 June 2023', '2023-06-12'],
    ['June 12, 2023', '2023-06-12'],
    ['Monday 12 June 2023 10:30am', '2023-06-12T10:30:00+07:00'],
    ['12 Jun 2023', '2023-06-12'],
    ['12-Jun-2023 08:00', '2023-06-12T08:00:00+07:00'],
    ['Sept. 3, 2024 at 4:05 p.m.', '2024-09-03T16:05:00+07:00'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(text)?.iso).toBe(iso);
  });

  it('writes the default offset asked for when the text names none', () => {
    expect(parseDate('12 June 2023 10:30', { lang: 'en', defaultOffset: '+01:00' })?.iso).toBe(
      '2023-06-12T10:30:00+01:00',
    );
    expect(parseDate('12 June 2023 10:30', { defaultOffset: 'Z' })?.iso).toBe('2023-06-12T10:30:00+00:00');
    expect(parseDate('12/06/2023 10:30', { defaultOffset: 'nonsense' })?.iso).toBe('2023-06-12T10:30:00+07:00');
  });

  it('reads numbers day-first, and month-first only for English text that cannot be day-first', () => {
    expect(parseDate('06/12/2023', { lang: 'en' })?.iso).toBe('2023-12-06');
    expect(parseDate('06/13/2023', { lang: 'en' })?.iso).toBe('2023-06-13');
    expect(parseDate('06/13/2023')).toBeUndefined();
  });
});

describe('parseDate: rejects what is not one valid date', () => {
  it.each([
    ['31/02/2023'],
    ['29/02/2023'],
    ['12/13/2023'],
    ['00/06/2023'],
    ['2023-02-30'],
    ['2023-06-12T25:00:00Z'],
    ['12/06/2023 - 14/06/2023'],
    ['Số 12, 12/06/2023'],
    ['Tin tức'],
    [''],
    ['12/6'],
  ])('%s → undefined', (text) => {
    expect(parseDate(text)).toBeUndefined();
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parseDate('29/02/2024')?.iso).toBe('2024-02-29');
    expect(parseDate('29/02/1900')).toBeUndefined();
    expect(parseDate('29/02/2000')?.iso).toBe('2000-02-29');
  });

  it('reads two-digit years with a pivot at 50', () => {
    expect(parseDate('12/06/23')?.iso).toBe('2023-06-12');
    expect(parseDate('12/06/68')?.iso).toBe('1968-06-12');
  });

  it('drops an impossible time but keeps the date when searching a longer text', () => {
    expect(findDateInText('12/06/2023 27:90 sáng')?.iso).toBe('2023-06-12');
  });
});

describe('month words and ISO times in any case', () => {
  it.each([
    ['12 THÁNG 6 NĂM 2023', '2023-06-12'],
    ['Ngày 5 Tháng 9, 2024', '2024-09-05'],
    ['SEPT. 3, 2024 AT 4:05 P.M.', '2024-09-03T16:05:00+07:00'],
    ['3 DEC 2021', '2021-12-03'],
    ['2023-06-12t10:30:00z', '2023-06-12T10:30:00+00:00'],
    ['Cập nhật 2023-06-12T10:30:00+07:00, bản in', '2023-06-12T10:30:00+07:00'],
  ])('%s → %s', (text, iso) => {
    expect(findDateInText(text)?.iso).toBe(iso);
  });

  it('gives no date for an ISO date whose time is impossible, and reads the next one', () => {
    expect(findAllDatesInText('2023-06-12T25:00 rồi 2023-06-13T08:00').map((d) => d.iso)).toEqual(['2023-06-13T08:00:00+07:00']);
  });

  it('still refuses a second number next to the date when the weekday or zone holds digits', () => {
    expect(parseDate('T2, 12/06/2023 (GMT+7)')?.iso).toBe('2023-06-12');
    expect(parseDate('Số 12, T2, 12/06/2023')).toBeUndefined();
  });
});

describe('Unicode and spacing', () => {
  it('reads NFD text, nbsp and zero-width spaces', () => {
    const nfd = 'Thứ Hai, ngày 12 tháng 6 năm 2023'.normalize('NFD');
    expect(parseDate(nfd)?.iso).toBe('2023-06-12');
    expect(parseDate('Thứ\u00a0Hai,\u00a012/06/2023\u00a0\u00a010:30')?.iso).toBe('2023-06-12T10:30:00+07:00');
    expect(parseDate('\u200b12/06/2023\ufeff')?.iso).toBe('2023-06-12');
    expect(parseDate('CHỦ NHẬT, 11/06/2023'.normalize('NFD'))?.iso).toBe('2023-06-11');
  });
});

describe('findDateInText', () => {
  it.each([
    ['Ngày đăng 20/06/2018 | 4:12 PM Lượt xem: 1520', '2018-06-20T16:12:00+07:00'],
    ['Cập nhật: Thứ Hai, 12/06/2023 10:30', '2023-06-12T10:30:00+07:00'],
    ['Sáng 12/6, Ban Tuyên giáo ... ngày 15/5/2016 của Bộ Chính trị', '2016-05-15'],
    ['Published 12 June 2023 Last updated 14 June 2023', '2023-06-12'],
    ['Chiến lược 2021-2030, ban hành 03/01/2022', '2022-01-03'],
  ])('%s → %s', (text, iso) => {
    expect(findDateInText(text)?.iso).toBe(iso);
  });

  it('does not read version numbers, phone numbers or counts as dates', () => {
    expect(findDateInText('Hotline 024.3825.3536, 25.525 mô hình, phiên bản 1.2.3')).toBeUndefined();
  });

  it('lists every dated teaser of a box in order', () => {
    const box = 'CÓ THỂ BẠN QUAN TÂM 12/04/2024 Sau thời gian... 11/04/2024 Hà Nội giành... 29/09/2023 Gặp nạn...';
    expect(findAllDatesInText(box).map((d) => d.iso)).toEqual(['2024-04-12', '2024-04-11', '2023-09-29']);
  });
});

describe('properties', () => {
  it('never throws; gives undefined or an ISO string Date can read', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[\d/:.\- |,TZ+APMh]{0,40}$/)), (text) => {
        for (const parsed of [parseDate(text), findDateInText(text), ...findAllDatesInText(text)]) {
          if (parsed === undefined) continue;
          expect(parsed.iso).toMatch(parsed.hasTime ? ISO_WITH_OFFSET : ISO_DATE);
          expect(Number.isNaN(new Date(parsed.iso).getTime())).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  const pad = (n: number) => String(n).padStart(2, '0');
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const WEEKDAYS_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
  const moment = fc.record({
    date: fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2150, 11, 31)), noInvalidDate: true }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
  });

  it('round-trips generated dates written in portal formats', () => {
    fc.assert(
      fc.property(moment, fc.integer({ min: 0, max: 7 }), ({ date, hour, minute }, format) => {
        const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
        const h12 = hour % 12 === 0 ? 12 : hour % 12;
        const ampm = hour < 12 ? 'AM' : 'PM';
        const weekday = WEEKDAYS_VI[date.getUTCDay()]!;
        const texts = [
          `${pad(d)}/${pad(m)}/${y} ${pad(hour)}:${pad(minute)}`,
          `${weekday}, ${d}/${m}/${y}, ${hour}:${pad(minute)} (GMT+7)`,
          `${pad(hour)}:${pad(minute)} | ${pad(d)}/${pad(m)}/${y}`,
          `${pad(d)}/${pad(m)}/${y} | ${h12}:${pad(minute)} ${ampm}`,
          `${pad(d)}.${pad(m)}.${y} ${hour}h${pad(minute)}`,
          `${d} ${MONTHS[m - 1]} ${y} ${h12}:${pad(minute)}${ampm.toLowerCase()}`,
          `${MONTHS[m - 1]} ${d}, ${y} ${pad(hour)}:${pad(minute)}`,
          `${y}-${pad(m)}-${pad(d)}T${pad(hour)}:${pad(minute)}:00+07:00`,
        ];
        const expected = `${y}-${pad(m)}-${pad(d)}T${pad(hour)}:${pad(minute)}:00+07:00`;
        expect(parseDate(texts[format]!)?.iso).toBe(expected);
      }),
      { numRuns: 1500 },
    );
  });

  it('round-trips date-only texts in every numeric and word form', () => {
    fc.assert(
      fc.property(moment, ({ date }) => {
        const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
        const expected = `${y}-${pad(m)}-${pad(d)}`;
        for (const text of [`${d}/${m}/${y}`, `${pad(d)}-${pad(m)}-${y}`, `ngày ${d} tháng ${m} năm ${y}`, `${d} ${MONTHS[m - 1]!.slice(0, 3)} ${y}`]) {
          expect(parseDate(text)?.iso).toBe(expected);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseDate on plain ISO 8601 date-times (the meta-tag form, read without the Unicode patterns)', () => {
  it('reads them as the general path does: zone kept, default offset otherwise', () => {
    expect(parseDate('2023-06-12T15:52:18')).toEqual({ iso: '2023-06-12T15:52:18+07:00', hasTime: true });
    expect(parseDate('2023-06-12T08:52:18.250Z', { defaultOffset: '+07:00' })).toEqual({ iso: '2023-06-12T08:52:18+00:00', hasTime: true });
    expect(parseDate('2023-06-12T15:52-05:00')).toEqual({ iso: '2023-06-12T15:52:00-05:00', hasTime: true });
    expect(parseDate('2023-02-30T10:00:00')).toBeUndefined();
  });

  it('agrees with the general path on 5,000 generated date-times, valid and not', () => {
    const random = seededRandom(12345);
    const next = (n: number) => Math.floor(random() * n);
    const two = (n: number) => String(n).padStart(2, '0');
    const disagreements: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const seconds = [``, `:${two(next(62))}`, `:${two(next(62))}.${'123456789012'.slice(0, 1 + next(11))}`][next(3)];
      const zone = ['', 'Z', `+${two(next(16))}:${two(next(62))}`, `-${two(next(16))}:${two(next(62))}`][next(4)];
      const text = `${1790 + next(420)}-${two(next(14))}-${two(next(33))}T${two(next(26))}:${two(next(62))}${seconds}${zone}`;
      const options = { lang: next(2) ? ('en' as const) : ('vi' as const), defaultOffset: ['+07:00', 'Z', '+00:00'][next(3)] };
      // A leading space keeps the text off the plain-ISO reading, so this is the general path's answer.
      if (JSON.stringify(parseDate(text, options)) !== JSON.stringify(parseDate(` ${text}`, options))) disagreements.push(text);
    }
    expect(disagreements).toEqual([]);
  });
});
