/**
 * The furniture of a discussion thread (a forum topic, a Q&A page): what every post carries around
 * what its writer wrote. The poster's card (rank, post count, join date, badges), the signature under
 * the post, the reactions bar and like count, the "last edited" notice, and on a Q&A page the
 * comments pinned under a question or an answer (the answers are the thread; the comments are asides
 * to one post). A reader of the thread skips them, and WCXB's truth for forum pages keeps the posts
 * without them.
 *
 * Forum engines name these blocks consistently (phpBB postprofile/signature, XenForo
 * message-userExtras/message-signature/reactionsBar, vBulletin userinfo/signaturecontainer, Invision
 * ipsEntry__signature, Discourse post-likes, Stack Exchange user-info/votecell/comments-list), and
 * a block is furniture only when its name repeats on the page: once per post. One "signature" box
 * on a service page is content.
 */
import type { ElementStats } from './stats';
import { classAndId, visitBlocks } from './dom';

/**
 * Words of per-post furniture, matched inside a class word or id after dropping its separators and
 * lower-casing ("message-userExtras" → "messageuserextras" holds "userextras").
 */
const POST_FURNITURE =
  /signature|userextras|userinfo|usertitle|userbanner|userstats|postprofile|posterinfo|authorinfo|memberinfo|reactionsbar|postlikes|likecount|likes$|lastedit|editedby|votecell|votingcontainer|postbadges|commentslist/;

/** A block holding this share of the region or more is the content itself, whatever its name. */
const MAX_SHARE = 0.3;

/** Per-post furniture must repeat: at least this many blocks under one name. */
const MIN_REPEATS = 2;

/** The furniture word a class word or id of `el` holds, or undefined. */
function furnitureName(el: Element): string | undefined {
  const names = classAndId(el);
  if (!names.trim()) return undefined;
  for (const name of names.split(/\s+/)) {
    if (!name) continue;
    const folded = name.replace(/[-_]/g, '').toLowerCase();
    if (POST_FURNITURE.test(folded)) return folded;
  }
  return undefined;
}

/**
 * The per-post furniture inside `root`, outermost blocks only, skipping subtrees already in
 * `excluded`. Empty when no furniture name repeats (not a thread, or an engine we do not know).
 */
export function threadFurniture(root: Element, stats: Map<Element, ElementStats>, excluded: Iterable<Element> = []): Element[] {
  const rootLength = stats.get(root)?.textLength ?? 0;
  if (rootLength === 0) return [];
  const byName = new Map<string, Element[]>();
  visitBlocks(root, excluded, (el) => {
    const length = stats.get(el)?.textLength ?? 0;
    if (length === 0) return false;
    const name = length < rootLength * MAX_SHARE ? furnitureName(el) : undefined;
    if (!name) return true;
    const group = byName.get(name);
    if (group) group.push(el);
    else byName.set(name, [el]);
    return false; // its own furniture-named children are covered by it
  });
  const furniture: Element[] = [];
  for (const group of byName.values()) if (group.length >= MIN_REPEATS) furniture.push(...group);
  return furniture;
}
