import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '@/utils/settings/settings';
import { checkDomain, displayDomain } from '@/utils/settings/domains';

describe('settings', () => {
  it('keeps what is valid and falls back field by field', () => {
    const parsed = parseSettings({
      defaultColor: 'green',
      locale: 'fr',
      disabledPortals: ['gov-vn', 3],
      customDomains: ['thuvienphapluat.vn', 'bad domain', '*.evil.com', 'thuvienphapluat.vn', 'Tintuc.Example.org'],
      exportOptions: { includeNotes: false, includeTags: 'yes', groupBy: 'tag' },
    });
    expect(parsed.defaultColor).toBe('green');
    expect(parsed.locale).toBe('auto');
    expect(parsed.disabledPortals).toEqual(['gov-vn']);
    expect(parsed.customDomains).toEqual(['thuvienphapluat.vn', 'tintuc.example.org']);
    expect(parsed.exportOptions).toEqual({ includeNotes: false, includeTags: true, includeLinks: true, groupBy: 'tag' });
  });

  it('gives defaults for an older record without the new fields, or for garbage', () => {
    expect(parseSettings({ defaultColor: 'pink', locale: 'vi', disabledPortals: [] })).toEqual({ ...DEFAULT_SETTINGS, defaultColor: 'pink', locale: 'vi' });
    expect(parseSettings('nonsense')).toEqual(DEFAULT_SETTINGS);
  });
});

describe('domains the user adds', () => {
  it('accepts plain domains, a pasted address without path, and Vietnamese names (stored as punycode)', () => {
    expect(checkDomain(' ThuVienPhapLuat.vn ')).toEqual({ ok: true, domain: 'thuvienphapluat.vn' });
    expect(checkDomain('https://tintuc.example.org')).toEqual({ ok: true, domain: 'tintuc.example.org' });
    expect(checkDomain('example.org.')).toEqual({ ok: true, domain: 'example.org' });
    const idn = checkDomain('báochí.vn');
    expect(idn.ok && idn.domain.startsWith('xn--')).toBe(true);
    expect(idn.ok && displayDomain(idn.domain)).toBe('báochí.vn');
  });

  it('refuses wildcards, paths, ports, IP addresses and things that are not domains', () => {
    expect(checkDomain('')).toEqual({ ok: false, problem: 'empty' });
    expect(checkDomain('*.example.org')).toEqual({ ok: false, problem: 'wildcard' });
    expect(checkDomain('example.org/news')).toEqual({ ok: false, problem: 'has-path' });
    expect(checkDomain('example.org:8080')).toEqual({ ok: false, problem: 'has-path' });
    expect(checkDomain('user@example.org')).toEqual({ ok: false, problem: 'has-path' });
    expect(checkDomain('192.168.1.1')).toEqual({ ok: false, problem: 'ip-address' });
    expect(checkDomain('localhost')).toEqual({ ok: false, problem: 'not-a-domain' });
    expect(checkDomain('exa mple.org')).toEqual({ ok: false, problem: 'not-a-domain' });
    expect(checkDomain('-bad.example.org')).toEqual({ ok: false, problem: 'not-a-domain' });
  });
});
