import { describe, expect, it } from 'vitest';
import { normalizeUrl, tryNormalizeUrl } from '@/utils/url/normalize';

describe('normalizeUrl', () => {
  it.each([
    ['https://hanoi.gov.vn/tin-tuc/bai-4230612.htm#comments', 'https://hanoi.gov.vn/tin-tuc/bai-4230612.htm'],
    ['http://hanoi.gov.vn/tin-tuc/bai-4230612.htm', 'https://hanoi.gov.vn/tin-tuc/bai-4230612.htm'],
    ['https://WWW.Baochinhphu.VN/a-102230612.htm?utm_source=zalo&utm_medium=share&fbclid=IwAR0', 'https://baochinhphu.vn/a-102230612.htm'],
    ['https://quochoi.vn/tintuc/Pages/tin-hoat-dong.aspx?ItemID=94817&gclid=x', 'https://quochoi.vn/tintuc/Pages/tin-hoat-dong.aspx?ItemID=94817'],
    ['https://www.gov.uk/government/news/x/', 'https://gov.uk/government/news/x'],
    ['https://hochiminhcity.gov.vn:443/web/guest/chi-tiet?id=12&utm_campaign=a', 'https://hochiminhcity.gov.vn/web/guest/chi-tiet?id=12'],
    ['https://moit.gov.vn/tin-tuc?p_p_id=CmsViewChiTietBaiViet_WAR_CmsViewEcoITportlet&p_p_lifecycle=0', 'https://moit.gov.vn/tin-tuc?p_p_id=CmsViewChiTietBaiViet_WAR_CmsViewEcoITportlet&p_p_lifecycle=0'],
    ['https://chinhphu.vn/', 'https://chinhphu.vn/'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it('rejects what is not an http(s) URL', () => {
    for (const bad of ['', 'hanoi.gov.vn', 'javascript:alert(1)', 'ftp://a.gov.vn/x', 'chrome-extension://x/y']) {
      expect(() => normalizeUrl(bad)).toThrow();
      expect(tryNormalizeUrl(bad)).toBeUndefined();
    }
  });
});
