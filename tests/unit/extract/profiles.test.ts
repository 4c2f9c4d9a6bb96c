/**
 * Recognising a portal's CMS on a host Sổ tay does not know, from the markup alone (PORTALS.md §1):
 * the one walk over the page must find every kind of fingerprint — classes, ids, tags, and selectors
 * made only of attribute tests — and on elements anywhere in the page.
 */
import { parseHTML } from 'linkedom';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { profileFor } from '../../../utils/extract/profiles';

const UNKNOWN_HOST = 'https://portal.example.vn/tin-tuc/bai-viet';

const page = (body: string, head = '') => `<!doctype html><html lang="vi"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

const parsers = {
  linkedom: (html: string) => parseHTML(html).document as unknown as Document,
  jsdom: (html: string) => new JSDOM(html).window.document,
};

describe.each(Object.entries(parsers))('profileFor on an unknown host (%s)', (_name, parse) => {
  it('recognises SharePoint from id prefixes and suffixes alone', () => {
    const doc = parse(page('<div><div><span><div id="ctl00_PlaceHolderMain_RichHtmlField">Nội dung</div></span></div></div>'));
    expect(profileFor(doc, UNKNOWN_HOST)?.id).toBe('sharepoint');
  });

  it('recognises Liferay 7 from a data attribute deep in the page and an id fragment', () => {
    const doc = parse(
      page('<main><section><p>Tin</p><div data-senna-track="temporary"><div id="p_p_id_com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet_INSTANCE_x">Bài</div></div></section></main>'),
    );
    expect(profileFor(doc, UNKNOWN_HOST)?.id).toBe('liferay7');
  });

  it('recognises a vccorp page from an attribute value test plus a class', () => {
    const doc = parse(page('<div class="detail-content afcbc-body" data-role="content"><p>Nội dung bài viết</p></div>'));
    expect(profileFor(doc, UNKNOWN_HOST)?.id).toBe('vccorp');
  });

  it('needs the attribute to have the tested value, not only to be there', () => {
    const doc = parse(page('<div data-role="sidebar"><h1>Tiêu đề</h1></div><div class="afcbc-body">x</div>'));
    expect(profileFor(doc, UNKNOWN_HOST)).toBeUndefined();
  });

  it('recognises WordPress from tags with attribute tests in the head', () => {
    const doc = parse(
      page('<p>Chào</p>', '<link rel="stylesheet" href="/wp-content/themes/a/style.css"><script src="/wp-includes/js/jquery.js"></script>'),
    );
    expect(profileFor(doc, UNKNOWN_HOST)?.id).toBe('wordpress');
  });

  it('takes a plain page with no CMS markers for no family', () => {
    const doc = parse(page('<div id="main" class="content"><h1>Tiêu đề</h1><p>Nội dung</p></div>'));
    expect(profileFor(doc, UNKNOWN_HOST)).toBeUndefined();
  });
});

describe.each(Object.entries(parsers))('profileFor on a known portal host (%s)', (_name, parse) => {
  const HANOI = 'https://hanoi.gov.vn/tin-tuc-su-kien/bai-viet-4230612155218163.htm';

  it('takes the host’s family when one of its CMS markers is on the page', () => {
    const doc = parse(page('<div class="main"><div class="detail-time">12/06/2023</div><p>Nội dung</p></div>'));
    expect(profileFor(doc, HANOI)?.id).toBe('vccorp');
  });

  it('goes by the markup when the site was rebuilt on another CMS', () => {
    const doc = parse(page('<form action="/Pages/default.aspx"><div id="ctl00_PlaceHolderMain_RichHtmlField">Nội dung</div></form>'));
    expect(profileFor(doc, HANOI)?.id).toBe('sharepoint');
  });

  it('does not let a quirks-mode page’s case-blind class matching stand in for a marker', () => {
    const doc = parse('<html><body><div class="DETAIL-TIME">12/06/2023</div><p>Nội dung</p></body></html>');
    expect(profileFor(doc, HANOI)).toBeUndefined();
  });
});
