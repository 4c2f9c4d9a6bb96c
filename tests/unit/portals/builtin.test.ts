import { describe, expect, it } from 'vitest';
import { BUILTIN_PORTALS, PORTAL_MATCH_PATTERNS, findPortal } from '@/utils/portals/builtin';

describe('built-in portal list', () => {
  it.each([
    ['https://hanoi.gov.vn/tin-tuc/bai-4230612.htm', 'gov-vn'],
    ['https://sotttt.hanoi.gov.vn/x/-/view_content/1-a.html', 'gov-vn'],
    ['https://chinhphu.vn/', 'chinhphu'],
    ['https://vpcp.chinhphu.vn/a.htm', 'chinhphu'],
    ['https://baochinhphu.vn/a-102230612.htm', 'baochinhphu'],
    ['https://quochoi.vn/tintuc/Pages/tin-hoat-dong.aspx?ItemID=1', 'quochoi'],
    ['https://dangcongsan.vn/a.html', 'dangcongsan'],
    ['https://nhandan.vn/a-post1.html', 'nhandan'],
    ['https://www.gov.uk/government/news/x', 'gov-uk'],
    ['https://www.whitehouse.gov/briefings/x/', 'whitehouse'],
    ['https://www.canada.ca/en/news.html', 'canada'],
  ])('%s is a portal (%s)', (url, id) => {
    expect(findPortal(url)?.id).toBe(id);
  });

  it.each([
    'https://example.com/',
    'https://notgov.vn/',
    'https://gov.vn.evil.com/',
    'https://evilbaochinhphu.vn/',
    'file:///home/hanoi.gov.vn/a.html',
    'not a url',
  ])('%s is not a portal', (url) => {
    expect(findPortal(url)).toBeUndefined();
  });

  it('gives the manifest one host-wide pattern per domain', () => {
    expect(PORTAL_MATCH_PATTERNS).toContain('*://*.gov.vn/*');
    expect(PORTAL_MATCH_PATTERNS).toHaveLength(BUILTIN_PORTALS.flatMap((p) => p.domains).length);
    expect(new Set(BUILTIN_PORTALS.map((p) => p.id)).size).toBe(BUILTIN_PORTALS.length);
  });
});
