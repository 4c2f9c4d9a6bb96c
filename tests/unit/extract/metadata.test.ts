/**
 * Metadata sources (JSON-LD, OpenGraph, meta tags, <time>, the visible date near the title) and the
 * Vietnamese author/source lines that are metadata, not body text.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/extract/index';
import { cleanLead, cleanTitle, readJsonLd } from '../../../utils/extract/meta';

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const PARAS = [
  'Sáng 12/6, Ban Tuyên giáo Trung ương tổ chức Hội nghị toàn quốc đánh giá tình hình thực hiện Kết luận số 01-KL/TW, với sự tham dự của lãnh đạo các ban, bộ, ngành.',
  'Theo báo cáo, trong hơn 2 năm qua, việc triển khai thực hiện Kết luận nghiêm túc, coi trọng kiểm soát chất lượng từ cơ sở, bảo đảm tính kịp thời, thống nhất.',
  'Hội nghị đã dành thời gian để các đại biểu tham luận, đánh giá kết quả 2 năm thực hiện tại cơ quan, đơn vị, địa phương mình, chia sẻ những kinh nghiệm hay.',
  'Các đại biểu đã trao đổi về các vấn đề cần quan tâm, cách làm sáng tạo để tiếp tục đổi mới, nâng cao chất lượng, hiệu quả việc thực hiện trong tình hình mới.',
];
const page = (head: string, article: string, url = 'https://example.gov.vn/tin-tuc/hoi-nghi-toan-quoc-4230612103000.htm') =>
  extractArticle(
    parse(`<!doctype html><html lang="vi"><head>${head}</head><body><nav><a href="/">Trang chủ</a></nav><main>${article}</main>
<aside><h3>Tin mới nhất</h3><ul><li><a href="/a-1.htm">Một tin khác rất dài để làm tiêu đề tin</a> <span>11/04/2024 08:00</span></li></ul></aside></body></html>`),
    url,
  );
const body = PARAS.map((p) => `<p>${p}</p>`).join('');

describe('JSON-LD', () => {
  it('reads NewsArticle inside @graph, with an array type and a person author', () => {
    const doc = parse(`<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"Cổng"},{"@type":["NewsArticle","Article"],"headline":"Tiêu đề JSON-LD","datePublished":"2023-06-12T10:30:00+07:00",
      "dateModified":"2023-06-13T08:00:00+07:00","author":[{"@type":"Person","name":"Quỳnh Anh"},{"@type":"Person","name":"Anh Minh"}],
      "publisher":{"@type":"Organization","name":"Báo Chính phủ"}}]}</script>`);
    const facts = readJsonLd(doc);
    expect(facts.articleType).toBe('NewsArticle');
    expect(facts.headline).toBe('Tiêu đề JSON-LD');
    expect(facts.author).toBe('Quỳnh Anh, Anh Minh');
    expect(facts.published).toBe('2023-06-12T10:30:00+07:00');
    expect(facts.publisher).toBe('Báo Chính phủ');
  });

  it('skips broken blocks and does not take an organisation for an author', () => {
    const doc = parse(`<script type="application/ld+json">{ not json</script><script type="application/ld+json">
      [{"@type":"BreadcrumbList"},{"@type":"Article","headline":"A","author":{"@type":"GovernmentOrganization","name":"Cabinet Office"}}]</script>`);
    const facts = readJsonLd(doc);
    expect(facts.articleType).toBe('Article');
    expect(facts.author).toBeUndefined();
    expect(facts.hasBreadcrumb).toBe(true);
  });
});

describe('titles and leads', () => {
  it('drops the " - Site" suffix and "Site | " prefix', () => {
    expect(cleanTitle('Hội nghị toàn quốc - Cổng thông tin điện tử Hà Nội', 'Cổng thông tin điện tử Hà Nội')).toBe('Hội nghị toàn quốc');
    expect(cleanTitle('Báo Chính phủ | Thủ tướng chủ trì phiên họp', 'Báo Chính phủ')).toBe('Thủ tướng chủ trì phiên họp');
    expect(cleanTitle('Thủ tướng chủ trì phiên họp Chính phủ thường kỳ - Chinhphu.vn')).toBe('Thủ tướng chủ trì phiên họp Chính phủ thường kỳ');
    // A dash that is part of the headline stays.
    expect(cleanTitle('Kinh tế - xã hội tháng 6 tiếp tục phục hồi tích cực trên nhiều lĩnh vực')).toBe(
      'Kinh tế - xã hội tháng 6 tiếp tục phục hồi tích cực trên nhiều lĩnh vực',
    );
  });

  it('strips the source prefix from a lead', () => {
    expect(cleanLead('(Chinhphu.vn) - Sáng 12/6, Thủ tướng chủ trì.')).toBe('Sáng 12/6, Thủ tướng chủ trì.');
    expect(cleanLead('(Hochiminhcity.gov.vn) – Chiều nay, UBND TP họp.')).toBe('Chiều nay, UBND TP họp.');
    expect(cleanLead('(PLO)- Tin mới.')).toBe('Tin mới.');
  });
});

describe('metadata on a page', () => {
  it('prefers OpenGraph/article:* over the document title and reads meta author', () => {
    const result = page(
      `<title>Hội nghị toàn quốc - Cổng thông tin</title><meta property="og:title" content="Hội nghị toàn quốc về học tập và làm theo Bác">
       <meta property="og:site_name" content="Cổng thông tin"><meta property="article:published_time" content="2023-06-12T10:30:00">
       <meta name="author" content="Ban Tuyên giáo"><meta property="og:type" content="article">`,
      `<h1>Hội nghị toàn quốc về học tập và làm theo Bác</h1>${body}`,
    );
    expect(result.meta.title).toBe('Hội nghị toàn quốc về học tập và làm theo Bác');
    expect(result.meta.siteName).toBe('Cổng thông tin');
    // No offset on a Vietnamese site: Asia/Ho_Chi_Minh.
    expect(result.meta.published).toBe('2023-06-12T10:30:00+07:00');
    expect(result.meta.author).toBe('Ban Tuyên giáo');
    expect(result.text).not.toContain('Hội nghị toàn quốc về học tập và làm theo Bác');
  });

  it('finds the visible date next to the title, not the dates of the related box', () => {
    const result = page('<title>Hội nghị toàn quốc</title>', `<h1>Hội nghị toàn quốc</h1><div class="date">Thứ Hai, 12/06/2023 10:30</div>${body}`);
    expect(result.meta.published).toBe('2023-06-12T10:30:00+07:00');
  });

  it('reads <time datetime> when nothing else dates the page', () => {
    const result = page('<title>Hội nghị</title>', `<h1>Hội nghị toàn quốc</h1><p class="meta">Đăng lúc <time datetime="2023-06-12T03:30:00Z">hôm qua</time></p>${body}`);
    expect(result.meta.published).toBe('2023-06-12T03:30:00+00:00');
  });

  it('takes the author line and the source line out of the text, into metadata', () => {
    const result = page(
      '<title>Hội nghị toàn quốc</title>',
      `<h1>Hội nghị toàn quốc</h1><div class="content">${body}<p style="text-align:right"><strong>Đỗ Hương (thực hiện)</strong></p>
       <p>Theo <a href="https://hanoi.gov.vn/bai-goc-4230612.htm">Cổng giao tiếp điện tử Hà Nội</a></p></div>`,
    );
    expect(result.meta.author).toBe('Đỗ Hương (thực hiện)');
    expect(result.meta.sourceName).toBe('Cổng giao tiếp điện tử Hà Nội');
    expect(result.meta.sourceUrl).toBe('https://hanoi.gov.vn/bai-goc-4230612.htm');
    expect(result.text).not.toMatch(/Đỗ Hương|Cổng giao tiếp/);
    expect(result.text.endsWith(PARAS[3]!)).toBe(true);
  });

  it('does not take the last sentence of the article for an author', () => {
    const result = page('<title>Hội nghị</title>', `<h1>Hội nghị toàn quốc</h1><div>${body}<p>Hội nghị kết thúc thành công.</p></div>`);
    expect(result.meta.author).toBeUndefined();
    expect(result.text).toContain('Hội nghị kết thúc thành công.');
  });

  it('drops a boilerplate heading with the block it heads, inside the body', () => {
    const result = page(
      '<title>Hội nghị</title>',
      `<h1>Hội nghị toàn quốc</h1><div class="content">${PARAS.slice(0, 2).map((p) => `<p>${p}</p>`).join('')}
       <div class="box"><p><b>CÓ THỂ BẠN QUAN TÂM</b></p><ul><li><a href="/x-1.htm">Gặp nạn, toàn bộ 10 thuyền viên đã được giải cứu thành công</a></li>
       <li><a href="/x-2.htm">Hà Nội giành 1 huy chương Vàng tại Hội thi Tuyên truyền lưu động</a></li></ul></div>
       ${PARAS.slice(2).map((p) => `<p>${p}</p>`).join('')}</div>`,
    );
    expect(result.text).not.toMatch(/CÓ THỂ BẠN QUAN TÂM|thuyền viên|huy chương/);
    for (const p of PARAS) expect(result.text).toContain(p);
  });
});

describe('metadata a page gives only in its visible text or scholarly tags', () => {
  const EN_PARAS = [
    'The agency announced new grants today for small businesses that want to protect their networks, with training for staff and help from local advisers in every state.',
    'Owners can apply online until the end of the year; the programme covers part of the cost of software, audits and the first year of support from an approved provider.',
    'Officials said the first round had funded more than two thousand firms, most of them with fewer than ten employees, and that demand had been highest in rural areas.',
  ].map((p) => `<p>${p}</p>`).join('');
  const englishPage = (head: string, article: string, after = '') =>
    extractArticle(
      parse(`<!doctype html><html lang="en"><head>${head}</head><body><nav><a href="/">Home</a></nav><main>${article}</main>${after}
<footer><p>An official website of the United States government</p></footer></body></html>`),
      'https://www.example.gov/news/2021/small-business-grants',
    );

  it('reads the authors and date of scholarly metadata (Highwire Press citation_* tags)', () => {
    const result = englishPage(
      `<title>Grants for small businesses</title><meta name="citation_author" content="Aditya Mahindru"><meta name="citation_author" content="Pradeep Patil">
       <meta name="citation_author" content="Aditya Mahindru"><meta name="citation_publication_date" content="2023 Jan 7">`,
      `<article><h1>Grants for small businesses</h1>${EN_PARAS}</article>`,
    );
    expect(result.meta.author).toBe('Aditya Mahindru, Pradeep Patil');
    expect(result.meta.published?.slice(0, 10)).toBe('2023-01-07');
  });

  it('reads "By …" under the title as the author, not the date beside it', () => {
    const result = englishPage(
      '<title>Grants for small businesses</title>',
      `<article><h1>Grants for small businesses</h1><div class="authoring"><div class="authoring__author">By Jason Bates</div>
       <div class="date"><time datetime="2021-06-03T15:49:33-04:00">June 3, 2021</time></div></div>${EN_PARAS}</article>`,
    );
    expect(result.meta.author).toBe('Jason Bates');
    expect(result.meta.published).toBe('2021-06-03T15:49:33-04:00');
    // Metadata above the text, not the text's first lines.
    expect(result.text).not.toMatch(/Jason Bates|June 3, 2021/);
    expect(result.text.startsWith('The agency announced')).toBe(true);
  });

  it('keeps a first sentence that only starts with a date', () => {
    const result = englishPage(
      '<title>Grants for small businesses</title>',
      `<article><h1>Grants for small businesses</h1><p>On June 3, 2021, the agency opened the first round.</p>${EN_PARAS}</article>`,
    );
    expect(result.text.startsWith('On June 3, 2021, the agency opened the first round.')).toBe(true);
  });

  it('does not take a sentence starting with "By" for a byline', () => {
    const result = englishPage(
      '<title>Grants for small businesses</title>',
      `<article><h1>Grants for small businesses</h1><p>By applying early, owners get answers sooner.</p>${EN_PARAS}</article>`,
    );
    expect(result.meta.author).toBeUndefined();
  });

  it('finds a date labelled "Published" away from the title', () => {
    const result = englishPage(
      '<title>Grants for small businesses</title>',
      `<article><h1>Grants for small businesses</h1>${EN_PARAS}</article>`,
      `<aside><div><h4>Published</h4> <time datetime="2018-11-15T12:00:00Z">15 November 2018</time></div>
       <div><h4>Reviewed</h4> <time datetime="2019-02-01T12:00:00Z">1 February 2019</time></div></aside>`,
    );
    expect(result.meta.published).toBe('2018-11-15T12:00:00+00:00');
    expect(result.meta.modified).toBe('2019-02-01T12:00:00+00:00');
  });

  it('dates a page that gives only its last update by that update', () => {
    const result = englishPage(
      '<title>Grants for small businesses</title>',
      `<article><h1>Grants for small businesses</h1>${EN_PARAS}<footer>Short URL: example.gov/grants<br>Last updated July 2, 2024</footer></article>`,
    );
    expect(result.meta.published?.slice(0, 10)).toBe('2024-07-02');
    expect(result.meta.modified?.slice(0, 10)).toBe('2024-07-02');
  });

  it('takes the date shown above the title when the bare date tag is only the last modification', () => {
    const head = (date: string) =>
      `<title>Grants for small businesses</title><meta name="DC.date" content="${date}"><meta property="og:updated_time" content="2024-07-05T14:20:08-04:00">`;
    const article = `<section class="title-bar"><time datetime="2024-03-01 05:00:00">March 1, 2024</time></section>
       <div class="page-title"><h1>Grants for small businesses</h1></div><article>${EN_PARAS}</article>`;
    expect(englishPage(head('2024-07-05T14:20:08Z'), article).meta.published?.slice(0, 10)).toBe('2024-03-01');
    // A date tag of its own (not the modification's stamp) still dates the page.
    expect(englishPage(head('2024-02-10T09:00:00Z'), article).meta.published?.slice(0, 10)).toBe('2024-02-10');
  });

  it('reads a heading with soft hyphens as the reader sees it, in one piece', () => {
    const result = englishPage(
      '<title>City of Marion Building Department: Home Repair Assistance Program</title>',
      `<article><h1>Home Repair Assis&shy;tance&nbsp;Program</h1>${EN_PARAS}</article>`,
    );
    expect(result.meta.title).toBe('Home Repair Assistance Program');
  });

  it('takes a "Released …" line under the title for metadata, not text', () => {
    const result = englishPage(
      '<title>Grants for small businesses</title>',
      `<article><h1>Grants for small businesses</h1><p>Released Wednesday, March 2, 2022</p>${EN_PARAS}</article>`,
    );
    expect(result.meta.published?.slice(0, 10)).toBe('2022-03-02');
    expect(result.text.startsWith('The agency announced')).toBe(true);
  });

  it('takes the heading the reader sees when the metadata title lags it by a word', () => {
    const result = englishPage(
      `<title>Guide to filing your taxes in 2024 | Consumer Financial Protection Bureau</title>
       <meta property="og:title" content="Guide to filing your taxes in 2024 | Consumer Financial Protection Bureau">
       <meta property="og:site_name" content="Consumer Financial Protection Bureau">`,
      `<article><h1>Guide to filing your taxes in 2025</h1>${EN_PARAS}</article>`,
    );
    expect(result.meta.title).toBe('Guide to filing your taxes in 2025');
  });
});

describe('site names after a bar', () => {
  it('are dropped from the title even when longer than four words', () => {
    expect(cleanTitle('Electrical - Overview | Occupational Safety and Health Administration')).toBe('Electrical - Overview');
    // After a dash, a long last part may be the title's own.
    expect(cleanTitle('Budget 2025 - What the new rules mean for small family businesses')).toBe('Budget 2025 - What the new rules mean for small family businesses');
  });
});
