/**
 * One canonical form per article URL, so the same article reached through a shared link with
 * tracking parameters, a `#fragment` or http instead of https finds the same record
 * (Obsidian Web Clipper #652 lost highlights exactly this way).
 */

/** Query parameters that only track the visitor and never select content. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'igshid', 'mc_cid', 'mc_eid', '_ga', '_gl', 'ref_src', 'zarsrc', 'zalo_source', 'utm_zalo',
  'fb_action_ids', 'fb_action_types', 'fb_source', 'fb_ref', 'mkt_tok', 'oly_anon_id', 'oly_enc_id',
  'vero_id', 'wickedid', 'spm', 'share', 'sharesource', 'ocid',
]);

/**
 * Liferay (hochiminhcity.gov.vn, sotttt.hanoi.gov.vn…) appends the page the reader came from as
 * `redirect=`, `_<portlet>_redirect=` or `inheritRedirect=`: a back link, never what is shown.
 */
function isReturnLinkParam(lower: string): boolean {
  return lower === 'redirect' || lower === 'inheritredirect' || lower === 'backurl' || lower.endsWith('_redirect');
}

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || lower.startsWith('pk_') || TRACKING_PARAMS.has(lower) || isReturnLinkParam(lower);
}

export class InvalidUrlError extends Error {
  constructor(input: string) {
    super(`Not an http(s) URL: ${input.slice(0, 200)}`);
    this.name = 'InvalidUrlError';
  }
}

/**
 * Normalise an article URL: https, lower-case host without `www.`, no default port, no fragment,
 * no tracking parameters, meaningful parameters kept in their original order (some portal
 * frameworks read them positionally), and no trailing slash on a non-root path.
 *
 * Decisions, and why:
 * - http and https are one article: many .gov.vn portals serve both and links in the wild mix them;
 *   no portal in PORTALS.md serves different content on the two.
 * - `www.` is dropped for the same reason (quochoi.vn and www.quochoi.vn are one site).
 * - A trailing slash is dropped except on the root: WordPress writes `/<slug>/` and shares lose it.
 * - The path keeps its case (SharePoint's `/Pages/` is case-insensitive but other servers are not),
 *   and so do parameter names and values (`ItemID=94817`).
 * - Parameters that select content (`ItemID`, `id`, `p_p_id`, portlet article ids) are kept; only
 *   known tracking and return-link parameters go.
 */
export function normalizeUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new InvalidUrlError(input);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidUrlError(input);
  // URL already drops a scheme's default port; any port left names another server and is kept.
  const port = url.port;
  url.protocol = 'https:';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
  url.port = port;
  url.username = '';
  url.password = '';
  url.hash = '';
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParam(name));
  url.search = kept.length ? new URLSearchParams(kept).toString() : '';
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) {
    url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  }
  return url.toString();
}

/** Like normalizeUrl, but undefined instead of an error. */
export function tryNormalizeUrl(input: string): string | undefined {
  try {
    return normalizeUrl(input);
  } catch {
    return undefined;
  }
}
