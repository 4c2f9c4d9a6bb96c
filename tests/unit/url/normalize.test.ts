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

  // Every article URL shape named in ../shared/PORTALS.md, as it arrives from a share or a feed.
  it.each([
    // VCCorp/afcbc: baochinhphu.vn, vpcp.chinhphu.vn, hanoi.gov.vn
    ['https://baochinhphu.vn/thu-tuong-chu-tri-hoi-nghi-102250828203600123.htm?zarsrc=30&utm_source=zalo&utm_medium=zalo&utm_campaign=zalo', 'https://baochinhphu.vn/thu-tuong-chu-tri-hoi-nghi-102250828203600123.htm'],
    ['http://vpcp.chinhphu.vn/thong-bao-ket-luan-102250101090000001.htm#', 'https://vpcp.chinhphu.vn/thong-bao-ket-luan-102250101090000001.htm'],
    ['https://hanoi.gov.vn/tin-noi-bat/lan-toa-phong-trao-4230612101530123.htm?fbclid=IwZXh0bgNhZW0CMTEAAR', 'https://hanoi.gov.vn/tin-noi-bat/lan-toa-phong-trao-4230612101530123.htm'],
    // Nhân Dân / VietnamPlus / VOV style
    ['https://nhandan.vn/ky-hop-thu-10-quoc-hoi-khoa-xv-post445353.html#box-comment', 'https://nhandan.vn/ky-hop-thu-10-quoc-hoi-khoa-xv-post445353.html'],
    ['https://www.vietnamplus.vn/thu-tuong-lam-viec-post1012345.vnp?gidzl=abc&utm_source=fb', 'https://vietnamplus.vn/thu-tuong-lam-viec-post1012345.vnp?gidzl=abc'],
    ['https://vov.vn/chinh-tri/hoi-nghi-trung-uong-post1200000.vov', 'https://vov.vn/chinh-tri/hoi-nghi-trung-uong-post1200000.vov'],
    // Liferay 6.2 asset publisher: the back link differs per visit, the article does not.
    [
      'https://sotttt.hanoi.gov.vn/tin-tuc-su-kien/-/view_content/3284921-hoi-nghi-chuyen-doi-so.html?inheritRedirect=true&redirect=%2Ftin-tuc-su-kien',
      'https://sotttt.hanoi.gov.vn/tin-tuc-su-kien/-/view_content/3284921-hoi-nghi-chuyen-doi-so.html',
    ],
    // Liferay 7/DXP
    ['https://hochiminhcity.gov.vn/web/hcm/-/thanh-pho-trien-khai-ke-hoach?_com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet_INSTANCE_abc_redirect=https%3A%2F%2Fhochiminhcity.gov.vn%2Fweb%2Fhcm', 'https://hochiminhcity.gov.vn/web/hcm/-/thanh-pho-trien-khai-ke-hoach'],
    ['https://danang.gov.vn/web/guest/chi-tiet?id=58421&_c=3', 'https://danang.gov.vn/web/guest/chi-tiet?id=58421&_c=3'],
    ['https://moh.gov.vn/tin-noi-bat/-/asset_publisher/3Yst7YhbkA5j/content/bo-y-te-huong-dan', 'https://moh.gov.vn/tin-noi-bat/-/asset_publisher/3Yst7YhbkA5j/content/bo-y-te-huong-dan'],
    // Liferay + vendor portlets: every portlet parameter selects content and is kept in order.
    [
      'https://cmsc.gov.vn/tin-tuc?p_p_id=dsnews_WAR_vnpteportalnewsportlet&p_p_lifecycle=0&_dsnews_WAR_vnpteportalnewsportlet_articleId=1234&utm_source=x',
      'https://cmsc.gov.vn/tin-tuc?p_p_id=dsnews_WAR_vnpteportalnewsportlet&p_p_lifecycle=0&_dsnews_WAR_vnpteportalnewsportlet_articleId=1234',
    ],
    // SharePoint: ItemID is the article.
    ['https://mt.gov.vn/vn/tin-tuc/Pages/tin-tong-hop.aspx?ItemID=94817#ctl00', 'https://mt.gov.vn/vn/tin-tuc/Pages/tin-tong-hop.aspx?ItemID=94817'],
    ['http://www.quochoi.vn/tintuc/Pages/tin-hoat-dong-cua-quoc-hoi.aspx?ItemID=94817&CategoryId=13', 'https://quochoi.vn/tintuc/Pages/tin-hoat-dong-cua-quoc-hoi.aspx?ItemID=94817&CategoryId=13'],
    ['https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=163476&Keyword=', 'https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=163476&Keyword='],
    // Oracle WebCenter (mof.gov.vn): the ADF window id changes per visit.
    ['https://mof.gov.vn/webcenter/portal/btcvn/pages_r/l/chi-tiet-tin?dDocName=MOFUCM312345', 'https://mof.gov.vn/webcenter/portal/btcvn/pages_r/l/chi-tiet-tin?dDocName=MOFUCM312345'],
    // WordPress: /<slug>/
    ['https://sovhtt.hanoi.gov.vn/le-hoi-mua-thu-2026/', 'https://sovhtt.hanoi.gov.vn/le-hoi-mua-thu-2026'],
    // Custom ASP.NET
    ['https://cema.gov.vn/tin-tuc/chi-tiet.htm?newsid=12345', 'https://cema.gov.vn/tin-tuc/chi-tiet.htm?newsid=12345'],
    // Other national outlets
    ['https://dangcongsan.vn/thoi-su/tong-bi-thu-lam-viec-682345.html?utm_medium=social', 'https://dangcongsan.vn/thoi-su/tong-bi-thu-lam-viec-682345.html'],
    ['https://www.qdnd.vn/chinh-tri/tin-tuc/bai-viet-812345', 'https://qdnd.vn/chinh-tri/tin-tuc/bai-viet-812345'],
    // Other governments
    ['https://www.gov.uk/government/news/new-funding-announced?utm_source=twitter#history', 'https://gov.uk/government/news/new-funding-announced'],
    ['https://www.whitehouse.gov/briefings-statements/2025/01/statement/', 'https://whitehouse.gov/briefings-statements/2025/01/statement'],
    ['https://www.canada.ca/en/health-canada/news/2026/03/release.html?wbdisable=true', 'https://canada.ca/en/health-canada/news/2026/03/release.html?wbdisable=true'],
    ['https://ec.europa.eu/commission/presscorner/detail/en/ip_26_1234', 'https://ec.europa.eu/commission/presscorner/detail/en/ip_26_1234'],
  ])('portal shape %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
    // Normalising twice changes nothing: a stored key is its own normal form.
    expect(normalizeUrl(expected)).toBe(expected);
  });

  it('keeps path case and parameter values, lower-cases only the host', () => {
    expect(normalizeUrl('HTTPS://QuocHoi.VN/TinTuc/Pages/X.aspx?ItemID=AbC')).toBe('https://quochoi.vn/TinTuc/Pages/X.aspx?ItemID=AbC');
  });

  it('drops credentials, default ports and a trailing dot on the host; keeps other ports', () => {
    expect(normalizeUrl('http://user:pw@hanoi.gov.vn.:80/a')).toBe('https://hanoi.gov.vn/a');
    expect(normalizeUrl('https://portal.gov.vn:8443/a')).toBe('https://portal.gov.vn:8443/a');
  });

  it('rejects what is not an http(s) URL', () => {
    for (const bad of ['', 'hanoi.gov.vn', 'javascript:alert(1)', 'ftp://a.gov.vn/x', 'chrome-extension://x/y']) {
      expect(() => normalizeUrl(bad)).toThrow();
      expect(tryNormalizeUrl(bad)).toBeUndefined();
    }
  });
});
