/**
 * Headings and phrases that mark non-article blocks on Vietnamese portals (PORTALS.md §4) and their
 * English equivalents. A heading that matches takes the block it heads with it.
 */

// toLowerCase, not toLocaleLowerCase('vi'): Unicode has no Vietnamese-specific casing (only Turkish,
// Azeri and Lithuanian differ), and the locale form goes through ICU on every call — most of this
// function's cost on a portal article's first extraction.
const fold = (text: string) =>
  text
    .normalize('NFC')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/[\s:：>»›.…!|]+$/, '');

/** Headings of related/more/tool blocks, compared after lower-casing (NFC). */
const HEADING_PHRASES = [
  'tin liên quan', 'bài liên quan', 'tin cùng chuyên mục', 'bài viết cùng chuyên mục', 'có thể bạn quan tâm',
  'được xem nhiều', 'xem nhiều', 'đọc nhiều', 'tin mới nhất', 'tin mới', 'các tin khác', 'tin khác', 'tin bài khác',
  'tham khảo thêm', 'xem thêm', 'đọc thêm', 'đọc tiếp', 'video liên quan', 'xem theo ngày', 'từ khóa', 'từ khoá',
  'tin đã đưa', 'các tin đã đưa', 'tin tức liên quan', 'bài viết liên quan', 'tin nổi bật', 'tin xem nhiều',
  'nội dung được tài trợ', 'ý kiến bạn đọc', 'bình luận', 'gửi bình luận', 'đánh giá bài viết', 'chia sẻ',
  'chọn link liên kết', 'liên kết website', 'thống kê truy cập',
  'related', 'related articles', 'related news', 'related posts', 'related stories', 'related content',
  'related links', 'you may also like', 'you might also like', 'read more', 'more stories', 'more from',
  'recommended', 'recommended for you', 'most popular', 'most read', 'trending', 'popular posts',
  'share this', 'share this article', 'share this page', 'share', 'comments', 'leave a comment',
  'leave a reply', 'tags', 'topics', 'explore the topic', 'sign up for our newsletter', 'newsletter',
  'advertisement', 'sponsored', 'sponsored content', 'latest news', 'latest', 'see also', 'also read',
  'recommended articles', 'recommended reading', 'recommended posts', 'recommended stories', 'you might like',
  'you may like', 'up next', 'watch next', 'read next', 'next article', 'popular articles', 'about the author',
  'recent posts', 'recent articles', 'latest posts', 'more articles', 'related topics', 'keep reading',
];
const HEADING_SET = new Set(HEADING_PHRASES.map(fold));

/** Tool-bar and sponsor phrases: a short element saying only this is boilerplate. */
const TOOL_PHRASES = [
  'in bài viết', 'in bài', 'gửi email', 'gửi bài viết', 'chia sẻ', 'copy link', 'lấy link', 'tăng cỡ chữ',
  'cỡ chữ mặc định', 'giảm cỡ chữ', 'thích', 'bình luận', 'gửi bình luận', 'đánh giá bài viết',
  'chọn link liên kết', 'nội dung được tài trợ', '(quảng cáo)', 'quảng cáo', 'print', 'email', 'facebook',
  'twitter', 'zalo', 'print this page', 'share on facebook', 'share on twitter', 'back to top', 'top',
  'quay lại', 'về đầu trang', 'trở về',
  'share this post', 'copied', 'like this', 'like loading', 'advertisement - continue reading below',
  'was this article helpful?', 'was this helpful?', 'how useful was this post?', 'skip to content',
  'skip to main content',
  // The toggle of a table of contents (its list of links is left out as links) and calls to go elsewhere.
  // Not "table of contents": documentation keeps its table of contents, heading and all.
  'contents', 'on this page', 'continue reading', 'subscribe', 'follow us',
];
const TOOL_SET = new Set(TOOL_PHRASES.map(fold));

export function isBoilerplateHeading(text: string): boolean {
  if (text.length > 60) return false;
  const key = fold(text);
  if (HEADING_SET.has(key)) return true;
  // "Tin liên quan (5)", "XEM THÊM: …" with a teaser title is handled by the caller's link test.
  // Tested only on what it can match: the pattern is compiled on its first use.
  return (key.startsWith('tin ') || key.startsWith('bài ')) && /^(tin|bài)( viết)? (liên quan|cùng chuyên mục|khác)\b/u.test(key);
}

export function isToolPhrase(text: string): boolean {
  if (text.length > 40) return false;
  return TOOL_SET.has(fold(text));
}

/** "Trang chủ > Tin tức > …" */
export function isBreadcrumbText(text: string): boolean {
  const trimmed = text.trim();
  // The case-insensitive pattern is costly to compile: it is run only on a text that starts as it
  // requires (its letters fold to no other lower-case letter than their own).
  const lower = trimmed.toLowerCase();
  return (lower.startsWith('trang chủ') || lower.startsWith('home')) && /^(trang chủ|home)\s*[>»›/|]/iu.test(trimmed);
}

/** Every phrase a test or fixture may check for in extracted text. */
export const BOILERPLATE_PHRASES: readonly string[] = [
  'Tin liên quan', 'Bài liên quan', 'Tin cùng chuyên mục', 'Bài viết cùng chuyên mục', 'CÓ THỂ BẠN QUAN TÂM',
  'ĐƯỢC XEM NHIỀU', 'Tin mới nhất', 'TIN MỚI', 'Các tin khác', 'Tham khảo thêm', 'Xem thêm', 'Đọc thêm',
  'Đọc tiếp', 'Video liên quan', 'Xem theo ngày', 'Từ khóa:', 'In bài viết', 'Gửi email', 'Chia sẻ',
  'Copy link', 'Lấy link!', 'Tăng cỡ chữ', 'Cỡ chữ mặc định', 'Giảm cỡ chữ', 'Gửi bình luận',
  'Đánh giá bài viết', 'Chọn Link liên kết', 'NỘI DUNG ĐƯỢC TÀI TRỢ', '(quảng cáo)',
];
