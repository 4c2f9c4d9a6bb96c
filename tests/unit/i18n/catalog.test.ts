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
