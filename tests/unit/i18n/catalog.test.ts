import { describe, expect, it } from 'vitest';
import en from '@/public/_locales/en/messages.json';
import vi from '@/public/_locales/vi/messages.json';
import { createTranslator, pickLocale } from '@/utils/i18n';

describe('interface strings', () => {
  it('has every key in both languages, translated', () => {
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    const same = Object.keys(en).filter((k) => en[k as keyof typeof en].message === vi[k as keyof typeof vi].message);
    expect(same).toEqual([]);
  });

  it('picks Vietnamese for vi-VN browsers, English otherwise', () => {
    expect(pickLocale(['vi-VN', 'en-US'])).toBe('vi');
    expect(pickLocale(['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLocale(['fr-FR'])).toBe('en');
  });

  it('fills substitutions', () => {
    expect(createTranslator('vi')('savedOn', '12/06/2023')).toBe('Lưu lúc 12/06/2023');
    expect(createTranslator('en')('errorMessage', 'disk full')).toBe('Something went wrong: disk full');
  });
});

describe('dates', () => {
  it('writes day-first dates with two-digit day and month in Vietnamese and English', async () => {
    const { dateFormatter } = await import('@/utils/i18n');
    const june12 = Date.UTC(2023, 5, 12, 5);
    expect(dateFormatter('vi').format(june12)).toBe('12/06/2023');
    expect(dateFormatter('en').format(june12)).toBe('12/06/2023');
  });
});

describe('article days', () => {
  it('shows the day the article names, whatever the reader’s time zone', async () => {
    const { formatIsoDay } = await import('@/utils/i18n');
    expect(formatIsoDay('vi', '2023-06-12T00:30:00+07:00')).toBe('12/06/2023');
    expect(formatIsoDay('vi', '2023-06-12')).toBe('12/06/2023');
    expect(formatIsoDay('en', 'not a date')).toBeUndefined();
  });
});
