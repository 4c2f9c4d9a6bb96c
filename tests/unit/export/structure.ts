/**
 * Reads an exported file the way Markdown tools do, so tests can assert on the document tree rather
 * than on strings: front matter through `yaml`, the body through markdown-it in strict CommonMark and
 * in a GFM-like setup (tables, strikethrough, autolinked bare URLs and e-mails).
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { parse as parseYaml } from 'yaml';

const commonMark = new MarkdownIt('commonmark');
// GitHub and Obsidian autolink "https://…", "www.…" and e-mail addresses, not bare domains.
const gfmLike = new MarkdownIt('default', { linkify: true });
gfmLike.linkify.set({ fuzzyLink: false });

export interface ParsedExport {
  frontMatter: Record<string, unknown>;
  /** The raw YAML between the --- lines. */
  frontMatterText: string;
  body: string;
  tokens: Token[];
  gfmTokens: Token[];
}

export function splitFrontMatter(markdown: string): { yaml: string; body: string } {
  const lines = markdown.split('\n');
  if (lines[0] !== '---') throw new Error('export does not start with front matter');
  const close = lines.indexOf('---', 1);
  if (close === -1) throw new Error('front matter is not closed');
  return { yaml: lines.slice(1, close).join('\n'), body: lines.slice(close + 1).join('\n') };
}

export function parseExport(markdown: string): ParsedExport {
  const { yaml, body } = splitFrontMatter(markdown);
  const frontMatter = parseYaml(yaml) as Record<string, unknown>;
  return { frontMatter, frontMatterText: yaml, body, tokens: commonMark.parse(body, {}), gfmTokens: gfmLike.parse(body, {}) };
}

function inlineText(token: Token): string {
  return (token.children ?? [])
    .map((child) => {
      if (child.type === 'softbreak' || child.type === 'hardbreak') return '\n';
      if (child.type === 'text' || child.type === 'text_special' || child.type === 'code_inline') return child.content;
      return '';
    })
    .join('');
}

/** Token types an export must never produce, whatever the user's text held. */
export const FORBIDDEN_TOKENS = [
  'html_block',
  'html_inline',
  'code_block',
  'fence',
  'code_inline',
  'hr',
  'bullet_list_open',
  'ordered_list_open',
  'table_open',
  's_open',
  'image',
];

function walk(tokens: Token[]): Token[] {
  return tokens.flatMap((token) => [token, ...walk(token.children ?? [])]);
}

export function forbiddenTokens(tokens: Token[]): string[] {
  return walk(tokens)
    .filter((token) => FORBIDDEN_TOKENS.includes(token.type))
    .map((token) => `${token.type}: ${token.content}`);
}

export function linkHrefs(tokens: Token[]): string[] {
  return walk(tokens)
    .filter((token) => token.type === 'link_open')
    .map((token) => String(token.attrGet('href') ?? ''));
}

export function headings(tokens: Token[]): string[] {
  const found: string[] = [];
  tokens.forEach((token, index) => {
    if (token.type === 'heading_open') found.push(`${token.tag} ${inlineText(tokens[index + 1] as Token)}`);
  });
  return found;
}

/** A top-level block and its text: 'blockquote' (paragraphs joined by blank lines), 'paragraph', 'heading'. */
export interface TopBlock {
  kind: 'blockquote' | 'paragraph' | 'heading' | 'other';
  text: string;
}

export function topLevelBlocks(tokens: Token[]): TopBlock[] {
  const blocks: TopBlock[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.level !== 0 || !token.type.endsWith('_open')) continue;
    const closeType = token.type.replace('_open', '_close');
    let j = i + 1;
    while (j < tokens.length && !((tokens[j] as Token).type === closeType && (tokens[j] as Token).level === 0)) j++;
    const inner = tokens.slice(i + 1, j).filter((child) => child.type === 'inline');
    const text = inner.map(inlineText).join('\n\n');
    const kind = token.type === 'blockquote_open' ? 'blockquote' : token.type === 'paragraph_open' ? 'paragraph' : token.type === 'heading_open' ? 'heading' : 'other';
    blocks.push({ kind, text });
    i = j;
  }
  return blocks;
}
