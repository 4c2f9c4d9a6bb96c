import { describe, expect, it } from 'vitest';
import { textFragmentLink } from '../../../utils/export';
import type { TextQuoteSelector } from '../../../utils/model/types';
import { collapseWhitespace } from '../../../utils/text/fold';
import { SEED_TEXT, SEED_URL, highlightOf } from './seed';

interface Directive {
  prefix?: string;
  start: string;
  end?: string;
  suffix?: string;
}

/** Parse `#:~:text=[prefix-,]start[,end][,-suffix]` the way the Text Fragments spec does. */
function parseDirective(link: string): Directive {
  const raw = link.split('#:~:text=')[1];
  if (raw === undefined) throw new Error(`no text directive in ${link}`);
  const parts = raw.split(',');
  const directive: Partial<Directive> = {};
  if (parts[0]?.endsWith('-')) directive.prefix = decodeURIComponent((parts.shift() as string).slice(0, -1));
  if (parts.at(-1)?.startsWith('-')) directive.suffix = decodeURIComponent((parts.pop() as string).slice(1));
  directive.start = decodeURIComponent(parts[0] as string);
  if (parts[1] !== undefined) directive.end = decodeURIComponent(parts[1]);
  if (parts.length > 2) throw new Error(`too many terms in ${raw}`);
  return directive as Directive;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A term matches case-insensitively, on word boundaries, with white space collapsed. */
const term = (text: string) => escapeRegex(collapseWhitespace(text).toLowerCase()).replace(/ /g, '\\s+');

/**
 * Where a browser would land: the first match of the directive in the text (a model of the spec's
 * algorithm: case-insensitive, word-bounded terms; prefix and suffix separated by white space only;
 * a single term cannot cross a paragraph). Returns the offsets of start…end in the text.
 */
function landing(text: string, directive: Directive): [number, number] | undefined {
  const lower = text.toLowerCase();
  const notWord = '(?<![\\p{L}\\p{M}\\p{N}])';
  const wordEnd = '(?![\\p{L}\\p{M}\\p{N}])';
  const body = directive.end === undefined ? `(${term(directive.start)})` : `(${term(directive.start)}[^]*?${term(directive.end)})`;
  const source = `${notWord}${directive.prefix ? `${term(directive.prefix)}[ \\t]*` : ''}${directive.prefix ? '' : ''}${body}${wordEnd}${directive.suffix ? `[ \\t]*${term(directive.suffix)}${wordEnd}` : ''}`;
  const match = new RegExp(source, 'u').exec(lower);
  if (!match) return undefined;
  const matched = match[1] as string;
  const at = match.index + match[0].indexOf(matched);
  if (directive.end === undefined && /\n/.test(matched)) return undefined;
  return [at, at + matched.length];
}

function quoteAt(text: string, exact: string, occurrence = 0): TextQuoteSelector {
  return highlightOf(text, exact, { occurrence }).target.quote;
}

describe('text fragment links back to a passage', () => {
  it('percent-encodes -, comma, & and every non-ASCII letter as the spec requires', () => {
    const text = 'Số 01-KL/TW, ngày 25/10 & các điểm khác của Nghị quyết.';
    const link = textFragmentLink(SEED_URL, quoteAt(text, 'Số 01-KL/TW, ngày 25/10 & các điểm'), text);
    const fragment = link.split('#:~:text=')[1] as string;
    expect(fragment).not.toMatch(/[^\x21-\x7e]/); // ASCII only
    expect(fragment).not.toMatch(/[-,&]/); // one term: no raw syntax characters at all
    expect(fragment).toContain('01%2DKL%2FTW%2C');
    expect(fragment).toContain('%26');
    expect(fragment).toContain('S%E1%BB%91'); // "Số"
    expect(parseDirective(link).start).toBe('Số 01-KL/TW, ngày 25/10 & các điểm');
  });

  it('replaces an existing fragment instead of appending to it', () => {
    const text = 'Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến hôm nay.';
    const quote = quoteAt(text, 'hình thức trực tiếp kết hợp trực tuyến hôm nay');
    for (const url of [`${SEED_URL}#top`, `${SEED_URL}#:~:text=c%C5%A9`, `${SEED_URL}?a=1#x`]) {
      const link = textFragmentLink(url, quote, text);
      expect(link.split('#')).toHaveLength(2);
      expect(link.startsWith(url.split('#')[0] as string)).toBe(true);
    }
  });

  it('a unique quote in the seed article lands exactly on it, with no context needed', () => {
    const quote = quoteAt(SEED_TEXT, 'Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến.');
    const directive = parseDirective(textFragmentLink(SEED_URL, quote, SEED_TEXT));
    expect(directive.prefix).toBeUndefined();
    const at = SEED_TEXT.indexOf(quote.exact);
    expect(landing(SEED_TEXT, directive)).toEqual([at, at + quote.exact.length]);
  });

  it('every occurrence of a repeated phrase gets a context that lands on that occurrence', () => {
    const phrase = 'học tập và làm theo';
    const count = SEED_TEXT.split(phrase).length - 1;
    expect(count).toBeGreaterThan(5);
    let from = -1;
    for (let occurrence = 0; occurrence < count; occurrence++) {
      from = SEED_TEXT.indexOf(phrase, from + 1);
      const { quote, position } = highlightOf(SEED_TEXT, phrase, { occurrence }).target;
      const directive = parseDirective(textFragmentLink(SEED_URL, quote, SEED_TEXT, position));
      expect(directive.prefix ?? directive.suffix).toBeDefined();
      const landed = landing(SEED_TEXT, directive);
      // Identical sentences repeated word for word cannot be told apart; all others must land right.
      if (landed?.[0] !== from) {
        const before = SEED_TEXT.slice(Math.max(0, from - 120), from);
        const after = SEED_TEXT.slice(from + phrase.length, from + phrase.length + 120);
        const sameSurroundings = SEED_TEXT.split(before + phrase + after).length - 1;
        expect(sameSurroundings, `occurrence ${occurrence}`).toBeGreaterThan(1);
      }
    }
  });

  it('a long quote is linked by its first and last words, and lands on the whole passage', () => {
    const exact = 'Ban Thường vụ Quận ủy đã chỉ đạo tổ chức đợt sinh hoạt chính trị sâu rộng trong toàn Đảng bộ quận nhân dịp kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam';
    const link = textFragmentLink(SEED_URL, quoteAt(SEED_TEXT, exact), SEED_TEXT);
    const directive = parseDirective(link);
    expect(directive.end).toBeDefined();
    expect(link.length).toBeLessThan(SEED_URL.length + encodeURIComponent(exact).length);
    const at = SEED_TEXT.indexOf(exact);
    expect(landing(SEED_TEXT, directive)).toEqual([at, at + exact.length]);
  });

  it('a quote across paragraphs uses a start term in the first and an end term in the last', () => {
    const start = SEED_TEXT.indexOf('Hằng năm, Ban Tuyên giáo');
    const endMarker = 'ở từng cấp, từng lĩnh vực.';
    const end = SEED_TEXT.indexOf(endMarker, start) + endMarker.length;
    const exact = SEED_TEXT.slice(start, end);
    expect(exact).toContain('\n');
    const directive = parseDirective(textFragmentLink(SEED_URL, quoteAt(SEED_TEXT, exact), SEED_TEXT));
    expect(directive.start).not.toContain('\n');
    expect(exact.startsWith(directive.start)).toBe(true);
    expect(exact.endsWith(directive.end as string)).toBe(true);
    expect(landing(SEED_TEXT, directive)).toEqual([start, end]);
  });

  it('without the article text, a short quote still gets context; a long one does not need it', () => {
    const short = quoteAt(SEED_TEXT, 'Hà Nội');
    const shortDirective = parseDirective(textFragmentLink(SEED_URL, short));
    expect(shortDirective.prefix ?? shortDirective.suffix).toBeDefined();
    const long = quoteAt(SEED_TEXT, 'Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến.');
    expect(parseDirective(textFragmentLink(SEED_URL, long)).prefix).toBeUndefined();
  });

  it('a selection that starts or ends inside a word is widened to whole words (browsers match words)', () => {
    const text = 'Về phía thành phố Hà Nội có Phó Bí thư Thành ủy.';
    const quote = quoteAt(text, 'hố Hà Nội có Ph');
    const directive = parseDirective(textFragmentLink(SEED_URL, quote, text));
    const contains = directive.start;
    expect(contains).toBe('phố Hà Nội có Phó');
    expect(landing(text, directive)).toEqual([text.indexOf('phố'), text.indexOf('Phó') + 3]);
  });

  it('context taken from a cut-off stored prefix never ends with half a word', () => {
    const text = 'Một hai ba bốn năm sáu bảy tám chín mười. Hà Nội. Một hai ba bốn năm sáu bảy tám chín mười. Hà Nội.';
    const quote: TextQuoteSelector = { type: 'TextQuoteSelector', exact: 'Hà Nội', prefix: 'i ba bốn năm sáu bảy tám chín mười. ', suffix: '. Một ha' };
    const directive = parseDirective(textFragmentLink(SEED_URL, quote));
    expect(directive.prefix?.startsWith('i ')).not.toBe(true);
    expect(directive.suffix?.endsWith('ha')).not.toBe(true);
    expect(landing(text, directive)).toBeDefined();
  });

  it('a huge quote still gives a short link', () => {
    const exact = SEED_TEXT.slice(SEED_TEXT.indexOf('Sáng 12/6'), SEED_TEXT.indexOf('Quỳnh Anh'));
    const link = textFragmentLink(SEED_URL, quoteAt(SEED_TEXT, exact), SEED_TEXT);
    expect(link.length).toBeLessThan(1500);
  });
});
