/**
 * Article detection on small realistic pages, Vietnamese and English: an article is taken for one;
 * a category listing, a home page, a search page, a video page, a service page and a forum thread
 * are not — and each structural signal reads what a reader would see on the page.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { proseLength } from '../../../utils/extract/detect';
import { extractArticle } from '../../../utils/extract/index';

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const detect = (html: string, url: string) => extractArticle(parse(html), url);

const VI_PARAS = [
  'Sáng 12/6, tại Trụ sở Chính phủ, Thủ tướng Chính phủ chủ trì cuộc họp với các bộ, ngành về tình hình thực hiện các dự án giao thông trọng điểm, bảo đảm tiến độ và chất lượng công trình trong năm nay.',
  'Theo báo cáo của Bộ Giao thông vận tải, đến nay nhiều dự án đã hoàn thành công tác giải phóng mặt bằng, các nhà thầu huy động đủ nhân lực, thiết bị để thi công ba ca bốn kíp, không để chậm trễ.',
  'Phát biểu kết luận, Thủ tướng yêu cầu các địa phương tiếp tục tháo gỡ vướng mắc về nguồn vật liệu xây dựng, bảo đảm an toàn lao động và vệ sinh môi trường trong quá trình thi công các gói thầu.',
  'Thủ tướng cũng đề nghị các cơ quan truyền thông đẩy mạnh tuyên truyền để người dân hiểu, đồng thuận và ủng hộ chủ trương của Đảng, chính sách của Nhà nước về phát triển hạ tầng giao thông.',
];
const EN_PARAS = [
  'The Department for Transport today announced a new funding package for local roads, with councils across England receiving additional money to repair potholes and resurface the most damaged routes.',
  'Ministers said the funding would be allocated according to the length of each council’s road network, and that councils would be required to publish how they spend it in a clear and accessible report.',
  'Local government leaders welcomed the announcement, but warned that years of underinvestment meant the backlog of repairs would take more than a single year of additional spending to clear.',
  'The funding comes on top of money already committed for the current financial year, and officials expect the first resurfacing works paid for by the new package to begin in the spring.',
];

const viHead = (title: string, extra = '') =>
  `<head><meta charset="utf-8"><title>${title} - Cổng thông tin điện tử</title>${extra}</head>`;
const viNav = `<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su.htm">Thời sự</a></li><li><a href="/kinh-te.htm">Kinh tế</a></li><li><a href="/xa-hoi.htm">Xã hội</a></li></ul></nav></header>`;
const viFooter = `<footer><p>Cơ quan chủ quản: Văn phòng Chính phủ. Địa chỉ: 16 Lê Hồng Phong, Ba Đình, Hà Nội.</p></footer>`;

const viTeaser = (n: number) =>
  `<div class="box-item"><a href="/tin-tuc/tin-so-${n}-ve-giao-thong-va-xay-dung-${4230612100000 + n}.htm"><img src="/a${n}.jpg" alt=""></a>
   <h3><a href="/tin-tuc/tin-so-${n}-ve-giao-thong-va-xay-dung-${4230612100000 + n}.htm">Tin số ${n}: Đẩy nhanh tiến độ các dự án giao thông trọng điểm phía Nam</a></h3>
   <time datetime="2024-06-${String((n % 27) + 1).padStart(2, '0')}">${(n % 27) + 1}/06/2024</time>
   <p>Các địa phương cam kết hoàn thành giải phóng mặt bằng trong quý III, bảo đảm mặt bằng sạch cho nhà thầu.</p></div>`;
const enTeaser = (n: number) =>
  `<article class="card"><h2><a href="/news/council-road-repairs-story-number-${n}">Council road repairs: story number ${n} about potholes and funding</a></h2>
   <time datetime="2024-05-${String((n % 27) + 1).padStart(2, '0')}">${(n % 27) + 1} May 2024</time>
   <p>A short summary of what the council announced about road repairs this week.</p></article>`;

const VI_ARTICLE = `<!doctype html><html lang="vi">${viHead('Thủ tướng chủ trì họp về các dự án giao thông trọng điểm', '<meta property="og:type" content="article">')}<body>${viNav}
<main><div class="detail">
  <h1 class="detail-title">Thủ tướng chủ trì họp về các dự án giao thông trọng điểm</h1>
  <div class="detail-time">12/06/2024 10:30</div>
  <div class="detail-content">${VI_PARAS.map((p) => `<p>${p}</p>`).join('')}<p>Quỳnh Anh</p></div>
</div>
<aside><h3>Tin liên quan</h3>${[1, 2, 3].map(viTeaser).join('')}</aside></main>${viFooter}</body></html>`;

const VI_LISTING = `<!doctype html><html lang="vi">${viHead('Thời sự')}<body>${viNav}
<main><h1>Thời sự</h1><div class="list-news">${Array.from({ length: 14 }, (_, i) => viTeaser(i + 1)).join('')}</div>
<div class="paging"><a href="/thoi-su/trang-1.htm">1</a><a href="/thoi-su/trang-2.htm">2</a><a href="/thoi-su/trang-3.htm">3</a><a href="/thoi-su/trang-2.htm">Trang sau</a></div>
</main>${viFooter}</body></html>`;

const EN_ARTICLE = `<!doctype html><html lang="en"><head><title>New funding to fix local roads - GOV.UK</title>
<meta property="og:type" content="article"><meta name="author" content="Department for Transport"></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/guidance">Guidance</a></nav></header>
<main><article><h1>New funding to fix local roads</h1><p class="meta">Published <time datetime="2024-05-14T09:00:00+01:00">14 May 2024</time></p>
<div class="article-body">${EN_PARAS.map((p) => `<p>${p}</p>`).join('')}</div></article>
<aside><h2>Related content</h2><ul><li><a href="/news/road-safety-week-begins-across-the-country">Road safety week begins across the country</a></li></ul></aside></main>
<footer><p>All content is available under the Open Government Licence v3.0, except where otherwise stated.</p></footer></body></html>`;

const EN_HOME = `<!doctype html><html lang="en"><head><title>Riverside Council</title><meta property="og:type" content="website">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Riverside Council"}</script></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/services">Services</a></nav><form action="/search"><input name="q"><button>Search</button></form></header>
<main><h1>Welcome to Riverside Council</h1><p>Find information about council services, news and events in Riverside and the surrounding villages, and tell us what you think.</p>
<section><h2>Latest news</h2>${Array.from({ length: 8 }, (_, i) => enTeaser(i + 1)).join('')}</section></main>
<footer><p>Riverside Council, Town Hall, Riverside.</p></footer></body></html>`;

const EN_SEARCH = `<!doctype html><html lang="en"><head><title>Search: road repairs - GOV.UK</title></head><body>
<header><nav><a href="/">Home</a></nav></header><main><h1>Search</h1>
<form action="/search/all"><input name="keywords" value="road repairs"><select name="order"><option>Relevance</option><option>Updated (newest)</option></select><button>Search</button></form>
<p>1,204 results</p><ul class="results">${Array.from({ length: 10 }, (_, i) =>
  `<li><h3><a href="/guidance/road-repairs-result-${i + 1}">Road repairs guidance result ${i + 1}: how councils maintain local roads</a></h3><p>Guidance for local highway authorities on maintaining roads, footways and cycleways in a safe condition.</p><time datetime="2023-0${(i % 9) + 1}-01">1 ${i + 1} 2023</time></li>`).join('')}</ul>
<nav class="pagination"><a rel="next" href="/search/all?keywords=road+repairs&page=2">Next page</a></nav></main></body></html>`;

const VI_VIDEO = `<!doctype html><html lang="vi">${viHead('Video: Toàn cảnh cuộc họp Chính phủ thường kỳ tháng 6', '<meta property="og:type" content="video.other">')}<body>${viNav}
<main><h1>Video: Toàn cảnh cuộc họp Chính phủ thường kỳ tháng 6</h1><div class="video-player"><video src="/v/hop-chinh-phu.mp4" controls></video></div>
<p>Phiên họp Chính phủ thường kỳ tháng 6 diễn ra trong hai ngày, tập trung thảo luận tình hình kinh tế - xã hội.</p>
<section><h2>Video khác</h2>${[1, 2, 3, 4, 5, 6].map(viTeaser).join('')}</section></main>${viFooter}</body></html>`;

const VI_SERVICE = `<!doctype html><html lang="vi">${viHead('Đăng ký hộ kinh doanh trực tuyến')}<body>${viNav}
<main><h1>Đăng ký hộ kinh doanh trực tuyến</h1>
<p>Chọn thủ tục, điền thông tin vào mẫu dưới đây và gửi hồ sơ. Kết quả được trả qua thư điện tử.</p>
<form action="/dich-vu/nop-ho-so"><label>Họ và tên <input name="hoten"></label><label>Số CCCD <input name="cccd"></label>
<label>Địa chỉ <input name="diachi"></label><label>Ngành nghề <select name="nganh"><option>Bán lẻ</option><option>Ăn uống</option></select></label>
<label>Số điện thoại <input name="sdt"></label><button>Gửi hồ sơ</button></form>
<h2>Hồ sơ gồm</h2><ul><li>Giấy đề nghị đăng ký hộ kinh doanh</li><li>Bản sao giấy tờ pháp lý của cá nhân</li><li>Biên bản họp thành viên hộ gia đình</li><li>Văn bản ủy quyền (nếu có)</li></ul>
<h2>Lệ phí</h2><p>100.000 đồng/lần</p></main>${viFooter}</body></html>`;

const EN_FORUM = `<!doctype html><html lang="en"><head><title>Pothole on Mill Lane not fixed after 6 months - Riverside Forum</title></head><body>
<header><nav><a href="/">Forum home</a> <a href="/forums/roads">Roads</a></nav></header><main><h1>Pothole on Mill Lane not fixed after 6 months</h1>
${Array.from({ length: 7 }, (_, i) => `<div class="post"><div class="author"><a href="/members/resident${i + 1}">resident${i + 1}</a><time datetime="2024-03-0${i + 1}">${i + 1} Mar 2024</time></div>
<div class="message">I reported the pothole on Mill Lane again this week and the council says it is on the list. Has anyone had any luck getting a date for the repair? It is getting worse every time it rains (post ${i + 1}).</div>
<a href="/threads/pothole-mill-lane.123/reply?quote=${i + 1}">Reply</a></div>`).join('')}
<div class="pagination"><a href="/threads/pothole-mill-lane.123/page-2">2</a><a href="/threads/pothole-mill-lane.123/page-3">3</a><a href="/threads/pothole-mill-lane.123/page-2">Next</a></div></main></body></html>`;

describe('detection on realistic pages', () => {
  it('takes a Vietnamese news article for an article, with its reasons', () => {
    const result = detect(VI_ARTICLE, 'https://baochinhphu.example.vn/thu-tuong-chu-tri-hop-ve-cac-du-an-giao-thong-trong-diem-102240612103000.htm');
    expect(result.isArticle).toBe(true);
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.reasons.join('; ')).toMatch(/publication date/);
  });

  it('takes an English news release for an article', () => {
    const result = detect(EN_ARTICLE, 'https://www.gov.uk/government/news/new-funding-to-fix-local-roads');
    expect(result.isArticle).toBe(true);
    expect(result.features?.articleBody).toBe(1);
  });

  it('does not take a Vietnamese category listing for an article: teaser cards and pagination', () => {
    const result = detect(VI_LISTING, 'https://baochinhphu.example.vn/thoi-su.htm');
    expect(result.isArticle).toBe(false);
    expect(result.features?.teaserCards).toBeGreaterThanOrEqual(Math.log2(1 + 14));
    expect(result.features?.pagination).toBe(1);
    expect(result.features?.timeElements).toBeGreaterThanOrEqual(Math.log2(1 + 14));
    expect(result.reasons.join('; ')).toMatch(/teaser cards/);
  });

  it('does not take an English home page for an article', () => {
    const result = detect(EN_HOME, 'https://www.riverside.example.gov.uk/');
    expect(result.isArticle).toBe(false);
    expect(result.features?.homeUrl).toBe(1);
    expect(result.features?.teaserCards).toBeGreaterThanOrEqual(3);
  });

  it('does not take a search results page for an article', () => {
    const result = detect(EN_SEARCH, 'https://www.gov.uk/search/all?keywords=road+repairs');
    expect(result.isArticle).toBe(false);
    expect(result.features?.listingUrl).toBe(1);
    expect(result.features?.formControls).toBeGreaterThan(0);
    expect(result.features?.pagination).toBe(1);
  });

  it('does not take a Vietnamese video page for an article', () => {
    const result = detect(VI_VIDEO, 'https://baochinhphu.example.vn/video/toan-canh-cuoc-hop-chinh-phu-thuong-ky-thang-6-102240612.htm');
    expect(result.isArticle).toBe(false);
    expect(result.features?.videoPage).toBe(1);
  });

  it('does not take a Vietnamese online service page for an article: a form, lists and a fee', () => {
    const result = detect(VI_SERVICE, 'https://dichvucong.example.gov.vn/dich-vu/dang-ky-ho-kinh-doanh');
    expect(result.isArticle).toBe(false);
    expect(result.features?.serviceUrl).toBe(1);
    expect(result.features?.formControls).toBeGreaterThanOrEqual(Math.log2(1 + 6));
  });

  it('does not take an English forum thread for an article: posts by members, one date each', () => {
    const result = detect(EN_FORUM, 'https://forum.riverside.example.org/threads/pothole-mill-lane.123/');
    expect(result.isArticle).toBe(false);
    expect(result.features?.forumUrl).toBe(1);
    expect(result.features?.userLinks).toBeGreaterThanOrEqual(Math.log2(1 + 7));
    expect(result.features?.timeElements).toBeGreaterThanOrEqual(Math.log2(1 + 7));
  });
});

describe('URL shape', () => {
  const shape = (url: string) => detect(EN_ARTICLE, url).features!;

  it('a story filed under a listing segment is a story, not a listing', () => {
    expect(shape('https://blog.example.org/archive/2025/12/advent-of-code-week-2.html').listingUrl).toBe(0);
    expect(shape('https://blog.example.org/category/roads/council-announces-new-funding-for-local-roads').listingUrl).toBe(0);
    expect(shape('https://blog.example.org/category/roads').listingUrl).toBe(1);
  });

  it('/page/N is pagination, /page/slug is not', () => {
    expect(shape('https://blog.example.org/news/page/2/').listingUrl).toBe(1);
    expect(shape('https://gamedev.example.com/page/how-to-make-a-good-game-the-tips').listingUrl).toBe(0);
  });

  it('Vietnamese section names are not story slugs, Vietnamese story slugs are', () => {
    expect(shape('https://hanoi.gov.vn/tin-tuc-su-kien.htm').articleUrl).toBe(0);
    expect(shape('https://hanoi.gov.vn/tin-tuc-su-kien/ha-noi-day-nhanh-tien-do-cac-du-an-giao-thong-trong-diem.htm').articleUrl).toBe(1);
  });

  it('recognises documentation, forum, shop and service URLs', () => {
    expect(shape('https://docs.example.com/guide/install').docsUrl).toBe(1);
    expect(shape('https://example.com/questions/123/how-to-fix-a-pothole').forumUrl).toBe(1);
    expect(shape('https://shop.example.com/products/road-cone').productUrl).toBe(1);
    expect(shape('https://hanoi.gov.vn/dich-vu/cap-phep-xay-dung').serviceUrl).toBe(1);
  });

  it('a numbered forum topic is a forum URL, a subject hub or a guide filed under /topics/ is not', () => {
    expect(shape('https://forum.example.com/topic/1571202-editing-my-pc-build/').forumUrl).toBe(1);
    expect(shape('https://gear.example.com/topics/camping-and-hiking/best-gps-watch').forumUrl).toBe(0);
    expect(shape('https://www.example.org/topic/history-of-coffee').forumUrl).toBe(0);
  });

  it('reads path segments and host labels by name, whatever their case, and only whole segments', () => {
    expect(shape('https://example.com/Docs/Install').docsUrl).toBe(1);
    expect(shape('https://example.com/dockside-cafe-opens-its-doors-today').docsUrl).toBe(0);
    expect(shape('https://Forum.example.com/some-thread-about-road-cones-here').forumUrl).toBe(1);
    expect(shape('https://forumexample.com/some-thread-about-road-cones-here').forumUrl).toBe(0);
    expect(shape('https://example.com/Sections/science').listingUrl).toBe(1);
    expect(shape('https://example.com/NEWS').listingUrl).toBe(1);
    expect(shape('https://example.com/newsroom-opens-a-new-office-in-the-city').listingUrl).toBe(0);
  });
});

describe('JSON-LD page kinds', () => {
  const withJsonLd = (json: string) =>
    detect(EN_ARTICLE.replace('</head>', `<script type="application/ld+json">${json}</script></head>`), 'https://www.gov.uk/government/news/new-funding-to-fix-local-roads').features!;

  it('an Organization next to a WebPage (every Yoast page) does not count against an article', () => {
    const features = withJsonLd('{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},{"@type":"Organization","name":"DfT"}]}');
    expect(features.jsonLdOther).toBe(0);
    expect(features.jsonLdOrganisation).toBe(1);
  });

  it('a Product or a QAPage does', () => {
    expect(withJsonLd('{"@context":"https://schema.org","@type":"Product","name":"Road cone"}').jsonLdProduct).toBe(1);
    expect(withJsonLd('{"@context":"https://schema.org","@type":"QAPage","name":"Potholes?"}').jsonLdDiscussion).toBe(1);
  });
});

const GUIDE_PARAS = [
  'Choosing a rain barrel starts with the roof: every square metre of roof catches about a litre of water for each millimetre of rain, so even a small shed fills a barrel in one summer storm.',
  'Place the barrel on a firm, level base made of paving slabs or concrete blocks. A full barrel weighs more than two hundred kilograms, and soft ground gives way under it within a few weeks.',
  'Fit a diverter to the downpipe rather than cutting the pipe into the barrel. The diverter sends the water back down the drain once the barrel is full, so it never overflows against the wall.',
  'Empty and rinse the barrel once a year, in the autumn, and keep the lid on: it keeps leaves out, stops mosquitoes from breeding and makes the barrel safe for children and pets.',
];

/** An undated evergreen how-to on a company blog: no date, no author, no structured data. */
const EN_GUIDE = `<!doctype html><html lang="en"><head><title>How to set up a rain barrel in your garden | Greenway Supplies</title></head><body>
<header><nav><a href="/">Home</a> <a href="/shop">Shop</a> <a href="/blog">Blog</a> <a href="/contact">Contact us</a></nav></header>
<main><article class="post"><h1>How to set up a rain barrel in your garden</h1>
<div class="share"><a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fgreenway.example.com%2Fblog%2Fhow-to-set-up-a-rain-barrel">Facebook</a>
<a href="https://twitter.com/intent/tweet?url=https%3A%2F%2Fgreenway.example.com%2Fblog%2Fhow-to-set-up-a-rain-barrel">X</a>
<a href="https://www.linkedin.com/shareArticle?mini=true&url=https%3A%2F%2Fgreenway.example.com">LinkedIn</a>
<a href="mailto:?subject=How%20to%20set%20up%20a%20rain%20barrel&body=https%3A%2F%2Fgreenway.example.com">E-mail</a></div>
${GUIDE_PARAS.map((p) => `<p>${p}</p>`).join('')}</article>
<section id="comments" class="comments-area"><h2>2 comments</h2><ol class="comment-list"><li>Great tips, thanks! We put ours on two old pallets.</li><li>Does the diverter work with square downpipes?</li></ol>
<form class="comment-form"><textarea name="comment"></textarea><button>Post comment</button></form></section></main>
<footer><p>Greenway Supplies Ltd, Unit 4, Riverside Park.</p></footer></body></html>`;

/** A section's own page: a short introduction, then links to the chapters filed under its name. */
const EN_SECTION_INDEX = `<!doctype html><html lang="en"><head><title>Marathon training | Run Club</title></head><body>
<header><nav><a href="/">Home</a> <a href="/training/">Training</a></nav></header>
<main><h1>Marathon training</h1>
<p>Whether this is your first marathon or your twentieth, there is a programme here for you. Each one runs for eighteen weeks and builds your long run step by step, with rest days where your body needs them.</p>
<p>Pick the programme that matches the mileage you run now, not the time you hope to finish in: the right programme is the one you can follow to the end without getting injured.</p>
<ul>${['novice-1', 'novice-2', 'intermediate-1', 'intermediate-2', 'advanced-1', 'advanced-2'].map((name) => `<li><a href="/programs/marathon-training/${name}/">${name.replace('-', ' ')}</a></li>`).join('')}
<li><a href="/training/marathon-training/feed/">RSS</a></li></ul></main></body></html>`;

describe('content signals that do not depend on the URL', () => {
  it('takes an undated evergreen how-to for an article: share buttons, a comments section, paragraphs', () => {
    const result = detect(EN_GUIDE, 'https://greenway.example.com/blog/how-to-set-up-a-rain-barrel');
    expect(result.isArticle).toBe(true);
    const features = result.features!;
    expect(features.hasDate).toBe(0);
    expect(features.shareLinks).toBe(Math.log2(1 + 4));
    expect(features.commentsSection).toBe(1);
    expect(features.paragraphShare).toBeGreaterThan(0.85); // the headline is the rest
    expect(features.headlineForm).toBe(1);
    expect(features.storySectionUrl).toBe(1);
  });

  it('the same page is still an article on a URL that says nothing (Readability’s test pages all share one)', () => {
    expect(detect(EN_GUIDE, 'http://fakehost/test/page.html').isArticle).toBe(true);
  });

  it('a section index links to the pages filed under its own name, and is not an article', () => {
    const result = detect(EN_SECTION_INDEX, 'https://runclub.example.org/training/marathon-training/');
    expect(result.features?.childLinks).toBe(Math.log2(1 + 6)); // the feed link does not count
    expect(result.isArticle).toBe(false);
  });

  it('an article links to no pages under its own slug', () => {
    expect(detect(EN_GUIDE, 'https://greenway.example.com/blog/how-to-set-up-a-rain-barrel').features?.childLinks).toBe(0);
  });

  it('a news release is not filed under a story section when it is the section itself', () => {
    expect(detect(EN_ARTICLE, 'https://www.example.gov.uk/news').features?.storySectionUrl).toBe(0);
    expect(detect(EN_ARTICLE, 'https://www.example.gov.uk/news/page/2').features?.storySectionUrl).toBe(0);
    expect(detect(VI_ARTICLE, 'https://hanoi.example.gov.vn/tin-tuc/ha-noi-day-nhanh-tien-do-du-an').features?.storySectionUrl).toBe(1);
  });

  it('a Vietnamese question headline counts as one, a section name does not', () => {
    const withHeadline = (h1: string) => detect(VI_ARTICLE.replace(/<h1 class="detail-title">[^<]*<\/h1>/, `<h1 class="detail-title">${h1}</h1>`), 'https://baochinhphu.example.vn/a-102240612103000.htm').features!;
    expect(withHeadline('Vì sao giá xăng tăng trong tháng 6?').headlineForm).toBe(1);
    expect(withHeadline('Cách đăng ký tài khoản định danh điện tử mức 2').headlineForm).toBe(1);
    expect(withHeadline('Thủ tướng chủ trì họp về các dự án giao thông trọng điểm').headlineForm).toBe(0);
  });

  it('calls to action in the content are counted apart from the site menu’s "Contact us"', () => {
    const features = detect(VI_SERVICE.replace('<button>Gửi hồ sơ</button>', '<button>Đăng ký ngay</button>').replace('</main>', '<p><a href="tel:02438253536">Gọi ngay</a> <a href="/lien-he">Liên hệ tư vấn</a></p></main>'), 'https://dichvucong.example.gov.vn/dich-vu/dang-ky-ho-kinh-doanh').features!;
    expect(features.callsToAction).toBe(Math.log2(1 + 3));
    expect(detect(EN_GUIDE, 'https://greenway.example.com/blog/how-to-set-up-a-rain-barrel').features?.callsToAction).toBe(0);
  });

  it('the cheap tests before the long patterns let every case of a match through', () => {
    const extra =
      '<p><a href="https://WWW.FACEBOOK.COM/Sharer/sharer.php?u=x">f</a> <a href="MAILTO:?Subject=Hi">m</a> <a href="https://example.com/Members/anna-k">Anna</a></p>' +
      '<p><a href="/lien-he">ĐĂNG KÝ NGAY</a> <a href="/quote">Get A Free Quote!</a> <a href="TEL:+842438253536">0243 825 3536</a></p>' +
      '<div class="pager"><a href="/tin-tuc/trang-2">TRANG SAU</a> <a href="/tin-tuc/trang-3">3</a></div>';
    const features = detect(VI_ARTICLE.replace('</body>', `${extra}</body>`), 'https://baochinhphu.example.vn/a-102240612103000.htm').features!;
    expect(features.shareLinks).toBe(Math.log2(1 + 2));
    expect(features.userLinks).toBe(1);
    expect(features.callsToAction).toBe(Math.log2(1 + 3));
    expect(features.pagination).toBe(1);
    const withHeadline = (h1: string) => detect(VI_ARTICLE.replace(/<h1 class="detail-title">[^<]*<\/h1>/, `<h1 class="detail-title">${h1}</h1>`), 'https://baochinhphu.example.vn/a-102240612103000.htm').features!;
    expect(withHeadline('VÌ SAO giá xăng tăng trong tháng 6').headlineForm).toBe(1);
    expect(withHeadline('7 điều cần biết về định danh điện tử').headlineForm).toBe(1);
  });
});

describe('voice, dateline and where the links sit', () => {
  const guideUrl = 'https://greenway.example.com/blog/how-to-set-up-a-rain-barrel';

  it('a date heading the text counts for an article even when no metadata carries it', () => {
    const dated = detect(EN_GUIDE.replace('<div class="share">', '<p class="meta">19 Dec 2025 · Greenway garden team</p><div class="share">'), guideUrl);
    const undated = detect(EN_GUIDE, guideUrl);
    expect(dated.features?.leadDate).toBe(1);
    expect(undated.features?.leadDate).toBe(0);
    expect(dated.reasons.join('; ')).toMatch(/a date heading the text/);
  });

  it('a date deep in the prose is not a dateline', () => {
    const late = EN_GUIDE.replace(GUIDE_PARAS[3]!, `${GUIDE_PARAS[3]} Our next workshop is on 14 March 2026.`);
    expect(detect(late, guideUrl).features?.leadDate).toBe(0);
  });

  it('a page that speaks as "we" (English or Vietnamese) leans away from an article', () => {
    const weParas = [
      'At Greenway we install rain barrels for homes and businesses across the county. Our team visits your garden, measures your roof and recommends the barrel that suits us both.',
      'We have fitted more than two thousand barrels since 2009, and our installers are fully insured. Call us for a free visit and we will send you our quote within two working days.',
    ];
    const service = detect(EN_GUIDE.replace(GUIDE_PARAS[0]!, weParas[0]!).replace(GUIDE_PARAS[1]!, weParas[1]!), guideUrl);
    const guide = detect(EN_GUIDE, guideUrl);
    expect(service.features!.weVoice).toBeGreaterThan(3);
    expect(guide.features!.weVoice).toBe(0);
    expect(service.confidence).toBeLessThan(guide.confidence);
    const vietnamese = detect(VI_SERVICE.replace('Chọn thủ tục,', 'Chúng tôi tiếp nhận hồ sơ trực tuyến. Chọn thủ tục,'), 'https://dichvucong.example.gov.vn/dich-vu/dang-ky-ho-kinh-doanh');
    expect(vietnamese.features!.weVoice).toBeGreaterThan(0);
  });

  it('measures the share of links in the header, menus and footer against links in the content', () => {
    // Four menu links, four share links in the article.
    expect(detect(EN_GUIDE, guideUrl).features?.chromeLinkShare).toBe(0.5);
    expect(detect(VI_LISTING, 'https://baochinhphu.example.vn/thoi-su.htm').features!.chromeLinkShare).toBeLessThan(0.2);
  });
});

describe('proseLength', () => {
  it('counts a CJK character as three, and Latin or Vietnamese letters as one', () => {
    expect(proseLength('abc')).toBe(3);
    expect(proseLength('Hà Nội')).toBe(6);
    expect(proseLength('海外留学生')).toBe(15);
    expect(proseLength('むかしむかし')).toBe(18);
  });
});
