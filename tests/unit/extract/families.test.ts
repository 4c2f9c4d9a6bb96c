/**
 * One article page and one non-article page per portal family, each with the navigation, related
 * boxes, tool bars and footers those sites carry (PORTALS.md §1, §4, §6).
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { BOILERPLATE_PHRASES, extractArticle } from '../../../utils/extract/index';

const P1 =
  'Sáng 12/6, Ban Tuyên giáo Trung ương tổ chức Hội nghị toàn quốc đánh giá tình hình thực hiện Kết luận số 01-KL/TW của Bộ Chính trị khóa XIII về tiếp tục thực hiện Chỉ thị số 05-CT/TW, với sự tham dự của đại diện lãnh đạo các ban, bộ, ngành, đoàn thể Trung ương.';
const P2 =
  'Theo báo cáo đánh giá, trong hơn 2 năm qua, việc triển khai thực hiện Kết luận 01 nghiêm túc, coi trọng kiểm soát chất lượng từ cơ sở, bảo đảm tính kịp thời, thống nhất giữa ý chí và hành động trong toàn Đảng và hệ thống chính trị, phát huy vai trò của các tỉnh ủy, thành ủy.';
const P3 =
  'Hằng năm, Ban Tuyên giáo Trung ương ban hành Hướng dẫn thực hiện công tác lý luận chính trị, chú trọng nội dung đẩy mạnh học tập và làm theo Bác, nội dung sinh hoạt chuyên đề hằng năm, trên cơ sở bám sát tinh thần nội dung cốt lõi của chuyên đề toàn khóa, khơi dậy ý chí tự lực, tự cường.';
const P4 =
  'Tính đến tháng 4/2023, trên cả nước có 25.525 mô hình khác nhau trong học tập và làm theo Bác, nhiều cách làm đổi mới, sáng tạo xuất hiện ở nhiều địa phương, đơn vị, góp phần quan trọng hoàn thành thắng lợi các chỉ tiêu kinh tế - xã hội, quốc phòng, an ninh của đất nước.';
const EN1 =
  'The government has today announced new funding of £20 million to support local councils, helping communities across the country to improve roads, schools and public services over the next three years.';
const EN2 =
  'The funding, which will be allocated according to need, follows a consultation with councils, businesses and residents, and builds on the investment programme set out in the spring statement earlier this year.';
const EN3 =
  'Ministers said the programme would be reviewed annually, with the first report due next spring, and that councils would be able to bid for further support where local circumstances required it.';
const EN4 =
  'Local leaders welcomed the announcement, saying that the certainty of a multi-year settlement would allow them to plan properly, recruit staff and commit to projects that take more than a single year to deliver.';

const teasers = (n: number, date = '11/04/2024') =>
  Array.from({ length: n }, (_, i) => `<li><a href="/tin-${i}-4240411${i}.htm">Hà Nội giành huy chương Vàng tại Hội thi Tuyên truyền lưu động toàn quốc lần ${i}</a><span>${date}</span></li>`).join('');

const vnShell = (main: string, extra = '') => `<!doctype html><html lang="vi"><head><meta charset="utf-8">${extra}</head><body>
<header><nav class="menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/chinh-tri.htm">Chính trị</a></li><li><a href="/kinh-te.htm">Kinh tế</a></li><li><a href="/xa-hoi.htm">Xã hội</a></li></ul></nav>
<div class="breadcrumb">Trang chủ &gt; Tin tức &gt; Chính trị</div></header>
${main}
<div class="box-right"><h3>ĐƯỢC XEM NHIỀU</h3><ul>${teasers(5)}</ul></div>
<footer><p>Cổng thông tin điện tử. Địa chỉ: 12 Lê Lai, Hà Nội. Điện thoại: 024 3825 3536.</p><a href="/lien-he">Liên hệ</a></footer>
</body></html>`;

const relatedBox = `<div class="related-box"><h3>CÓ THỂ BẠN QUAN TÂM</h3><ul>${teasers(6)}</ul></div>`;
const toolBar = '<div class="tools"><a href="#">In bài viết</a> <a href="#">Gửi email</a> <a href="#">Chia sẻ</a></div>';

interface Case {
  family: string;
  url: string;
  html: string;
  title: string;
  published: string;
  author?: string;
  /** The page names only a publishing organisation ("From: …"): no author. */
  publisherOnly?: boolean;
  lead?: string;
  listingUrl: string;
  listingHtml: string;
  body: string[];
}

const vnListing = (cards: string) => vnShell(`<main><h1>Chính trị</h1>${cards}<div class="pager"><a href="?page=2">2</a><a href="?page=3">3</a></div></main>`);
const cardList = (wrap: (i: number) => string) => Array.from({ length: 12 }, (_, i) => wrap(i)).join('');

const cases: Case[] = [
  {
    family: 'vccorp',
    url: 'https://baochinhphu.vn/lan-toa-tinh-than-hoc-tap-102230612103000123.htm',
    html: vnShell(`<div class="detail-container">
<h1 class="detail-title" data-role="title">Lan tỏa tinh thần học tập và làm theo tấm gương của Bác</h1>
<div class="detail-time" data-role="publishdate">12/06/2023 10:30</div>${toolBar}
<h2 class="detail-sapo" data-role="sapo">(Chinhphu.vn) - Hội nghị toàn quốc đánh giá 2 năm thực hiện Kết luận 01-KL/TW.</h2>
<div class="detail-content afcbc-body" data-role="content"><!--bonewsrelation-->
<p>${P1}</p><figure><img src="a.jpg"><figcaption class="PhotoCMS_Caption">Toàn cảnh hội nghị</figcaption></figure>
<p>${P2}</p>
<div class="VCSortableInPreviewMode" type="RelatedNewsBox"><h4>Tham khảo thêm</h4><a href="/x-102230611.htm">Bài khác về hội nghị tuyên giáo toàn quốc năm nay</a></div>
<p>${P3}</p><p>${P4}</p>
<p style="text-align:right"><b>Quỳnh Anh</b></p>
</div>${relatedBox}</div>`, '<meta property="article:published_time" content="2023-06-12T10:30:00+07:00"><meta property="og:type" content="article">'),
    title: 'Lan tỏa tinh thần học tập và làm theo tấm gương của Bác',
    published: '2023-06-12T10:30:00+07:00',
    author: 'Quỳnh Anh',
    lead: 'Hội nghị toàn quốc đánh giá 2 năm thực hiện Kết luận 01-KL/TW.',
    listingUrl: 'https://baochinhphu.vn/chinh-tri.htm',
    listingHtml: vnListing(cardList((i) => `<div class="box-stream-item"><a class="box-stream-link-title" href="/bai-${i}-10223061210300${i}.htm">Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng ${i + 1} năm 2023</a><p class="box-stream-sapo">Chính phủ họp bàn nhiều nội dung quan trọng.</p></div>`)),
    body: [P1, 'Toàn cảnh hội nghị', P2, P3, P4],
  },
  {
    family: 'nhandan',
    url: 'https://nhandan.vn/lan-toa-tinh-than-hoc-tap-post445353.html',
    html: vnShell(`<article class="article">
<h1 class="article__title cms-title">Lan tỏa tinh thần học tập và làm theo tấm gương của Bác</h1>
<div class="article__meta"><span class="author">Thu Hà</span><time datetime="2023-06-12T10:30:00+07:00">Thứ Hai, 12-06-2023, 10:30</time></div>
<div class="article__sapo cms-desc">Hội nghị toàn quốc đánh giá 2 năm thực hiện Kết luận 01-KL/TW.</div>
<div class="article__body cms-body"><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${P4}</p></div>
<div class="article__source">Nguồn: Ban Tuyên giáo Trung ương</div>
<div class="article__tag">Từ khóa: <a href="/tag/tuyen-giao">tuyên giáo</a></div></article>${relatedBox}`,
    `<script type="application/ld+json">[{"@context":"https://schema.org","@type":"NewsArticle","headline":"Lan tỏa tinh thần học tập và làm theo tấm gương của Bác","datePublished":"2023-06-12T10:30:00+07:00","author":{"@type":"Person","name":"Thu Hà"}},{"@type":"BreadcrumbList","itemListElement":[]}]</script>`),
    title: 'Lan tỏa tinh thần học tập và làm theo tấm gương của Bác',
    published: '2023-06-12T10:30:00+07:00',
    author: 'Thu Hà',
    lead: 'Hội nghị toàn quốc đánh giá 2 năm thực hiện Kết luận 01-KL/TW.',
    listingUrl: 'https://nhandan.vn/chinhtri/',
    listingHtml: vnListing(cardList((i) => `<article class="story"><h3 class="story__heading"><a class="cms-link" href="/bai-${i}-post44535${i}.html">Tổng Bí thư tiếp đoàn đại biểu cựu chiến binh tiêu biểu toàn quốc lần ${i}</a></h3><time>12/06/2023</time></article>`)),
    body: [P1, P2, P3, P4],
  },
  {
    family: 'liferay62',
    url: 'https://sotttt.hanoi.gov.vn/tin-tuc/-/view_content/12345-lan-toa-tinh-than-hoc-tap.html',
    html: vnShell(`<div id="p_p_id_101_INSTANCE_abc_" class="portlet-boundary portlet-asset-publisher"><div class="asset-full-content">
<h3 class="asset-full-content-title">Lan tỏa tinh thần học tập và làm theo tấm gương của Bác</h3>
<div class="assetPublishDate block_timer">21/12/2012 | 04:12 PM</div>
<div class="sapo-wrapper"><p class="sapo">(Hanoi.gov.vn) - Hội nghị toàn quốc đánh giá 2 năm thực hiện Kết luận 01-KL/TW.</p></div>
<div class="journal-content-article"><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${P4}</p></div>
<p class="view-content-author">Đỗ Hương (thực hiện)</p>
<div class="asset-control-detail"><a href="#">In bài viết</a> | <a href="#">Gửi email</a></div>
<div class="related_asset"><h4>Các tin khác</h4><ul>${teasers(5)}</ul></div></div></div>`),
    title: 'Lan tỏa tinh thần học tập và làm theo tấm gương của Bác',
    published: '2012-12-21T16:12:00+07:00',
    author: 'Đỗ Hương (thực hiện)',
    lead: 'Hội nghị toàn quốc đánh giá 2 năm thực hiện Kết luận 01-KL/TW.',
    listingUrl: 'https://sotttt.hanoi.gov.vn/tin-tuc',
    listingHtml: vnListing(`<div id="p_p_id_101_INSTANCE_abc_" class="portlet-boundary">${cardList((i) => `<div class="asset-abstract"><h3 class="asset-title"><a href="/tin-tuc/-/view_content/1234${i}-bai.html">Sở Thông tin và Truyền thông triển khai nhiệm vụ năm ${2010 + i}</a></h3><div class="assetPublishDate">21/12/2012</div></div>`)}</div>`),
    body: [P1, P2, P3, P4],
  },
  {
    family: 'liferay7',
    url: 'https://hochiminhcity.gov.vn/web/hcm/-/lan-toa-tinh-than-hoc-tap',
    html: vnShell(`<section id="portlet_com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet_INSTANCE_xyz" class="portlet-asset-publisher" data-senna-track="temporary"><div class="asset-full-content">
<h1 class="asset-title">Lan tỏa tinh thần học tập và làm theo tấm gương của Bác</h1>
<div class="publish-date">15:55 | 10/07/2026</div>
<div class="asset-content"><div class="journal-content-article"><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${P4}</p><p><strong>Anh Minh</strong></p></div></div>
<div class="asset-links"><h4>Tin liên quan</h4><ul>${teasers(4)}</ul></div></div></section>`, '<link rel="stylesheet" href="/o/hcm-theme/css/main.css">'),
    title: 'Lan tỏa tinh thần học tập và làm theo tấm gương của Bác',
    published: '2026-07-10T15:55:00+07:00',
    author: 'Anh Minh',
    listingUrl: 'https://hochiminhcity.gov.vn/web/hcm/tin-tuc',
    listingHtml: vnListing(`<section id="portlet_com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet_INSTANCE_xyz" data-senna-track="temporary">${cardList((i) => `<div class="card"><p class="asset-publisher-title"><a href="/web/hcm/-/bai-${i}">Thành phố Hồ Chí Minh tổ chức lễ kỷ niệm ngày thành lập lần ${i}</a></p><span>15:55 | 10/07/2026</span></div>`)}</section>`),
    body: [P1, P2, P3, P4],
  },
  {
    family: 'sharepoint',
    url: 'https://mt.gov.vn/vn/Pages/tin-tong-hop.aspx?ItemID=94817',
    html: vnShell(`<form id="aspnetForm" action="/vn/Pages/tin-tong-hop.aspx?ItemID=94817"><div id="s4-workspace"><div id="ctl00_PlaceHolderMain_ctl00" class="WebPartWPQ1">
<div id="divArticleDescription3"><h1>Lan tỏa tinh thần học tập và làm theo tấm gương của Bác</h1></div>
<div id="divArticleDescription4">Ngày đăng 20/06/2018 | 4:12 PM</div>
<div id="divArticleDescription1">Hội nghị toàn quốc đánh giá 2 năm thực hiện Kết luận 01-KL/TW.</div>
<div id="divArticleDescription2" class="ms-rtestate-field"><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${P4}</p><p>Quỳnh Anh</p></div>
<div class="tinkhac"><h3>Tin khác</h3><ul>${teasers(5)}</ul></div></div></div></form>`),
    title: 'Lan tỏa tinh thần học tập và làm theo tấm gương của Bác',
    published: '2018-06-20T16:12:00+07:00',
    author: 'Quỳnh Anh',
    lead: 'Hội nghị toàn quốc đánh giá 2 năm thực hiện Kết luận 01-KL/TW.',
    listingUrl: 'https://mt.gov.vn/vn/Pages/danhmuc.aspx?CatID=1',
    listingHtml: vnListing(`<form id="aspnetForm" action="x.aspx"><div id="ctl00_PlaceHolderMain" class="ms-rtestate-field">${cardList((i) => `<div class="item"><a href="/vn/Pages/tin-tong-hop.aspx?ItemID=9481${i}">Bộ Giao thông vận tải kiểm tra tiến độ dự án đường cao tốc đoạn ${i}</a><span>20/06/2018</span></div>`)}</div></form>`),
    body: [P1, P2, P3, P4],
  },
  {
    family: 'wordpress',
    url: 'https://sovhtt.hanoi.gov.vn/lan-toa-tinh-than-hoc-tap-va-lam-theo-bac/',
    html: vnShell(`<article class="post type-post hentry"><header class="entry-header"><h1 class="entry-title">Lan tỏa tinh thần học tập và làm theo tấm gương của Bác</h1>
<div class="entry-meta"><time class="entry-date published" datetime="2023-06-12T10:30:00+07:00">12/06/2023</time> <span class="author vcard"><a href="/author/minh">Anh Minh</a></span></div></header>
<div class="entry-content"><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${P4}</p><div class="sharedaddy"><h3>Chia sẻ</h3><a>Facebook</a></div></div>
<footer class="entry-footer">Từ khóa: <a href="/tag/a">tuyên giáo</a></footer></article>`,
    '<link rel="stylesheet" href="/wp-content/themes/x/style.css"><script src="/wp-includes/js/jquery.js"></script>'),
    title: 'Lan tỏa tinh thần học tập và làm theo tấm gương của Bác',
    published: '2023-06-12T10:30:00+07:00',
    author: 'Anh Minh',
    listingUrl: 'https://sovhtt.hanoi.gov.vn/category/tin-tuc/',
    listingHtml: vnListing(cardList((i) => `<article class="post hentry"><h2 class="entry-title"><a href="/bai-${i}/">Sở Văn hóa và Thể thao Hà Nội tổ chức chương trình nghệ thuật số ${i}</a></h2><div class="entry-content"><p>Chương trình diễn ra tại Nhà hát lớn.</p></div></article>`) + '<link rel="stylesheet" href="/wp-content/themes/x/style.css">'),
    body: [P1, P2, P3, P4],
  },
];

const enShell = (main: string, head = '') => `<!doctype html><html lang="en"><head>${head}</head><body>
<header class="govuk-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/about">About</a></li></ul></nav></header>
${main}
<footer><p>All content is available under the Open Government Licence v3.0, except where otherwise stated.</p></footer></body></html>`;

cases.push(
  {
    family: 'govuk',
    url: 'https://www.gov.uk/government/news/new-funding-for-local-councils',
    html: enShell(`<div class="govuk-width-container"><main id="content"><div class="gem-c-title"><span class="gem-c-title__context">Press release</span><h1 class="gem-c-title__text">New funding for local councils</h1></div>
<p class="gem-c-lead-paragraph">Councils will receive £20 million to improve local services.</p>
<div class="gem-c-metadata"><dl><dt>From:</dt><dd class="gem-c-metadata__definition"><a href="/government/organisations/department-for-levelling-up">Department for Levelling Up</a></dd><dt>Published</dt><dd class="gem-c-metadata__definition">12 June 2023</dd></dl></div>
<div class="gem-c-govspeak govuk-govspeak"><p>${EN1}</p><p>${EN2}</p><h2>Next steps</h2><p>${EN3}</p><p>${EN4}</p></div>
<div class="gem-c-share-links"><h2>Share this page</h2><a>Facebook</a><a>Twitter</a></div>
<div class="gem-c-contextual-sidebar"><h2>Related content</h2><ul><li><a href="/x">Local government finance settlement 2023 to 2024</a></li></ul></div></main></div>`,
      '<script type="application/ld+json">{"@context":"http://schema.org","@type":"NewsArticle","headline":"New funding for local councils","datePublished":"2023-06-12T09:30:00+01:00","author":{"@type":"Organization","name":"Department for Levelling Up"}}</script><link rel="stylesheet" href="/assets/govuk-frontend.css">'),
    title: 'New funding for local councils',
    published: '2023-06-12T09:30:00+01:00',
    publisherOnly: true,
    lead: 'Councils will receive £20 million to improve local services.',
    listingUrl: 'https://www.gov.uk/search/news-and-communications',
    listingHtml: enShell(`<div class="govuk-width-container"><main><h1 class="govuk-heading-xl">News and communications</h1><ul>${cardList((i) => `<li class="gem-c-document-list__item"><a href="/government/news/item-${i}">Government announces new support package for local businesses number ${i}</a><p>Press release</p></li>`)}</ul></main></div>`),
    body: [EN1, EN2, 'Next steps', EN3, EN4],
  },
  {
    family: 'whitehouse',
    url: 'https://www.whitehouse.gov/briefings-statements/2025/03/statement-on-local-funding/',
    html: enShell(`<main><div class="wp-block-whitehouse-topper"><h1 class="wp-block-whitehouse-topper__headline">Statement on Local Funding</h1><div class="wp-block-post-date"><time datetime="2025-03-04T12:00:00-05:00">March 4, 2025</time></div></div>
<div class="entry-content wp-block-post-content"><p>${EN1}</p><p>${EN2}</p><p>${EN3}</p><p>${EN4}</p></div></main>`, '<meta property="og:type" content="article">'),
    title: 'Statement on Local Funding',
    published: '2025-03-04T12:00:00-05:00',
    listingUrl: 'https://www.whitehouse.gov/news/',
    listingHtml: enShell(`<main><h1>News</h1>${cardList((i) => `<div class="wp-block-post"><h2 class="wp-block-post-title"><a href="/briefings-statements/2025/03/item-${i}/">President announces new initiative on infrastructure number ${i}</a></h2><time>March 4, 2025</time></div>`)}</main>`),
    body: [EN1, EN2, EN3, EN4],
  },
  {
    family: 'canada',
    url: 'https://www.canada.ca/en/finance/news/2024/05/new-funding-for-local-councils.html',
    html: enShell(`<main property="mainContentOfPage" typeof="WebPageElement"><h1 id="wb-cont">New funding for local councils</h1><p class="gc-byline"><strong>From: <a href="/en/department-finance.html">Department of Finance Canada</a></strong></p>
<h2>News release</h2><p>${EN1}</p><p>${EN2}</p><p>${EN3}</p><p>${EN4}</p>
<div class="pagedetails"><dl id="wb-dtmd"><dt>Date modified:</dt><dd><time property="dateModified">2024-05-14</time></dd></dl></div></main>`,
      '<meta name="dcterms.issued" content="2024-05-14"><link rel="stylesheet" href="/etc/designs/canada/wet-boew/css/theme.min.css"><link rel="stylesheet" href="/GCWeb/css/theme.css">'),
    title: 'New funding for local councils',
    published: '2024-05-14',
    publisherOnly: true,
    listingUrl: 'https://www.canada.ca/en/news.html',
    listingHtml: enShell(`<main property="mainContentOfPage"><h1 id="wb-cont">News</h1><ul>${cardList((i) => `<li><a href="/en/finance/news/2024/05/item-${i}.html">Minister announces new measures to support families in region ${i}</a> <time>2024-05-14</time></li>`)}</ul></main>`, '<link rel="stylesheet" href="/GCWeb/css/theme.css"><link rel="stylesheet" href="/wet-boew/css/x.css">'),
    body: ['News release', EN1, EN2, EN3, EN4],
  },
);

const parse = (html: string) => parseHTML(html).document as unknown as Document;

describe.each(cases)('$family family', (c) => {
  const doc = parse(c.html);
  const result = extractArticle(doc, c.url);

  it('recognises the family and detects the article', () => {
    expect(result.family).toBe(c.family);
    expect(result.isArticle).toBe(true);
    expect(result.confidence).toBeGreaterThan(0.5);
  });

  it('reads title, date and author exactly', () => {
    expect(result.meta.title).toBe(c.title);
    expect(result.meta.published).toBe(c.published);
    if (c.author) expect(result.meta.author).toBe(c.author);
    if (c.publisherOnly) expect(result.meta.author).toBeUndefined();
    if (c.lead) expect(result.meta.lead).toBe(c.lead);
  });

  it('keeps a separate sapo element out of the body text', () => {
    if (c.lead) expect(result.text).not.toContain(c.lead);
    expect(result.text.startsWith(c.body[0]!)).toBe(true);
  });

  it('extracts the body text and nothing of the navigation, boxes or tools', () => {
    for (const paragraph of c.body) expect(result.text).toContain(paragraph);
    for (const phrase of BOILERPLATE_PHRASES) expect(result.text).not.toContain(phrase);
    expect(result.text).not.toContain('huy chương Vàng');
    expect(result.text).not.toMatch(/Trang chủ|Open Government Licence|Cổng thông tin điện tử\. Địa chỉ/);
    if (c.author) expect(result.text).not.toMatch(new RegExp(`${c.author.replace(/[()]/g, '\\$&')}\\s*$`));
  });

  it('returns a root and exclusions that reproduce the text', async () => {
    const { articleTextOf } = await import('../../../utils/extract/text');
    expect(result.root).toBeDefined();
    expect(articleTextOf(result.root!, result.excluded)).toBe(result.text);
  });

  it('does not take the section listing for an article', () => {
    const listing = extractArticle(parse(c.listingHtml), c.listingUrl);
    expect(listing.isArticle).toBe(false);
  });
});
