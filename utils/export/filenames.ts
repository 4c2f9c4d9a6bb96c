import { nfc } from '../text/fold';
import { cleanText } from './escape';

/**
 * File names from article titles that every system accepts and a person still recognises:
 * Vietnamese letters kept; characters illegal on Windows (\ / : * ? " < > |), and those that break
 * Obsidian links (# ^ [ ]), replaced; Windows reserved device names and trailing dots/spaces avoided;
 * at most MAX_NAME_BYTES of UTF-8 so the name fits ext4/APFS/NTFS limits even inside a folder.
 */
export const MAX_NAME_BYTES = 120;

const ILLEGAL_RE = /[\\/:*?"<>|#^[\]]/gu;
const RESERVED_RE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** Cut to a byte budget at a grapheme boundary, so no letter loses its tone mark. */
function truncateToBytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    const size = utf8Length(segment);
    if (used + size > maxBytes) break;
    out += segment;
    used += size;
  }
  return out;
}

function tidy(name: string): string {
  // Leading dots hide a file on Linux/macOS; trailing dots and spaces are dropped (or refused) by Windows.
  return name.replace(/\s+/gu, ' ').replace(/^[\s.]+|[\s.]+$/gu, '');
}

/** A readable base name (no extension) for one title. */
export function safeBaseName(title: string, fallback: string, maxBytes = MAX_NAME_BYTES): string {
  // Separators read as separators ("Hà Nội: mùa thu" → "Hà Nội - mùa thu"), double quotes as single
  // quotes, the rest of the illegal characters simply dropped.
  let name = cleanText(title)
    .replace(/"/g, "'")
    .replace(/[:|/\\]/g, ' - ')
    .replace(ILLEGAL_RE, ' ')
    .replace(/\s+-[\s-]*/gu, ' - ')
    .replace(/^[\s.-]+|[\s.-]+$/gu, '');
  name = tidy(name);
  name = tidy(truncateToBytes(name, maxBytes));
  if (!name) name = tidy(truncateToBytes(cleanText(fallback), maxBytes)) || 'note';
  // Windows refuses CON, NUL… even with an extension ("CON.md"): what counts is the part before the first dot.
  const stem = name.split('.')[0] ?? name;
  if (RESERVED_RE.test(stem.trim())) name = `${stem}_${name.slice(stem.length)}`;
  return name;
}

/** Same name on a case-insensitive, normalisation-insensitive file system (Windows, macOS). */
const collisionKey = (name: string) => nfc(name).toLowerCase();

/**
 * Unique file names for a list of titles, in order: a repeated name gets " (2)", " (3)"… and the
 * suffix still fits the byte budget.
 */
export function uniqueFileNames(titles: string[], extension: string, fallback: string, reserved: string[] = []): string[] {
  const taken = new Set(reserved.map(collisionKey));
  return titles.map((title) => {
    const base = safeBaseName(title, fallback);
    let candidate = `${base}${extension}`;
    for (let copy = 2; taken.has(collisionKey(candidate)); copy++) {
      const suffix = ` (${copy})`;
      candidate = `${tidy(truncateToBytes(base, MAX_NAME_BYTES - utf8Length(suffix)))}${suffix}${extension}`;
    }
    taken.add(collisionKey(candidate));
    return candidate;
  });
}

/**
 * A relative link to a file in the same folder that CommonMark and Obsidian both follow: spaces,
 * parentheses and percent signs percent-encoded, Vietnamese letters left readable.
 */
export function fileLinkTarget(fileName: string): string {
  return fileName.replace(/[\s()%<>]/gu, (ch) =>
    [...new TextEncoder().encode(ch)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}
