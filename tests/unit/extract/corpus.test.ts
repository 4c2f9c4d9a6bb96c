/**
 * A few real pages copied from the shared corpora (tests/fixtures/corpus, licences beside them):
 * a US government article with WCXB ground truth, a news home page, and two Readability test pages.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/extract/index';
import { wordF1 } from '../../helpers/wordF1';

const dir = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
const parse = (html: string) => parseHTML(html).document as unknown as Document;

function wcxb(id: string) {
  const truth = JSON.parse(readFileSync(`${dir}wcxb/${id}.json`, 'utf8')) as {
    url: string;
    ground_truth: { title: string; main_content: string; publish_date: string | null };
  };
  const html = gunzipSync(readFileSync(`${dir}wcxb/${id}.html.gz`)).toString('utf8');
  return { truth, result: extractArticle(parse(html), truth.url) };
}

function readabilityPage(name: string) {
  const expected = JSON.parse(readFileSync(`${dir}readability/${name}/expected-metadata.json`, 'utf8')) as {
    title: string;
    readerable: boolean;
  };
  const html = readFileSync(`${dir}readability/${name}/source.html`, 'utf8');
  return { expected, result: extractArticle(parse(html), 'http://fakehost/test/page.html') };
}

describe('real pages', () => {
  it('fda.gov article: detected, titled, dated, main text close to the ground truth', () => {
    const { truth, result } = wcxb('0064');
    expect(result.isArticle).toBe(true);
    expect(result.meta.title.replace(/’/g, "'")).toBe(truth.ground_truth.title);
    expect(result.meta.published?.slice(0, 10)).toBe(truth.ground_truth.publish_date);
    // A US page without a zone in its metadata is not given Vietnam's offset.
    expect(result.meta.published).not.toMatch(/\+07:00$/);
    expect(wordF1(result.text, truth.ground_truth.main_content).f1).toBeGreaterThan(0.9);
  });

  it('a news home page is not an article', () => {
    const { result } = wcxb('2961');
    expect(result.isArticle).toBe(false);
  });

  it('Readability test pages: the article is one, the product page is not', () => {
    const aclu = readabilityPage('aclu');
    expect(aclu.expected.readerable).toBe(true);
    expect(aclu.result.isArticle).toBe(true);
    expect(aclu.result.meta.title).toBe(aclu.expected.title);
    const mozilla = readabilityPage('mozilla-2');
    expect(mozilla.expected.readerable).toBe(false);
    expect(mozilla.result.isArticle).toBe(false);
  });
});
