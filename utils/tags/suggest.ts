/**
 * Tag autocomplete: accent-insensitive ("hoc" suggests "học tập"), matching the start of any word
 * ("tap" suggests "học tập" too, after the tags that start with it), most-used first within a rank.
 */
import { canonicalKey, foldForSearch } from '../text/fold';
import { cleanTagName, LIMITS } from '../db/validate';

export interface TagChoice {
  name: string;
  count: number;
}

export function suggestTags(input: string, known: readonly TagChoice[], alreadyChosen: readonly string[], limit = 8): TagChoice[] {
  const query = foldForSearch(input);
  const chosen = new Set(alreadyChosen.map(canonicalKey));
  const ranked: { tag: TagChoice; rank: number }[] = [];
  for (const tag of known) {
    if (chosen.has(canonicalKey(tag.name))) continue;
    const folded = foldForSearch(tag.name);
    let rank: number;
    if (!query) rank = 2;
    else if (folded.startsWith(query)) rank = 0;
    else if (folded.split(/[\s\-_/]+/).some((word) => word.startsWith(query)) || folded.includes(` ${query}`)) rank = 1;
    else continue;
    ranked.push({ tag, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || b.tag.count - a.tag.count || a.tag.name.localeCompare(b.tag.name, 'vi'));
  return ranked.slice(0, limit).map((r) => r.tag);
}

/**
 * The tag as the user typed it, made into a name the store accepts (its own rules, utils/db/validate.ts):
 * no leading '#', cut to the length limit; '' when nothing acceptable is left.
 */
export function tidyTagInput(input: string): string {
  try {
    return cleanTagName(input.trim().replace(/^#+/, '').slice(0, LIMITS.tagNameLength));
  } catch {
    return '';
  }
}

/** Adds a tag unless an equal one (same canonical key: "hòa" = "hoà") is already there. */
export function addTag(tags: readonly string[], input: string, known: readonly TagChoice[] = []): string[] {
  const name = tidyTagInput(input);
  if (!name) return [...tags];
  const key = canonicalKey(name);
  if (tags.some((t) => canonicalKey(t) === key)) return [...tags];
  // Reuse the existing spelling so the library does not grow near-duplicates.
  const existing = known.find((t) => canonicalKey(t.name) === key);
  return [...tags, existing?.name ?? name];
}
