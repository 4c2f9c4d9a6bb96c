/**
 * The built-in list of government news portals Sổ tay runs on. This is the one place the list lives:
 * the manifest's content-script matches, the settings page and host checks are all derived from it.
 */
export interface Portal {
  /** Stable id, used as the key of the user's on/off setting. */
  id: string;
  /** Human label (a proper name, so not translated). */
  label: string;
  /** Registrable domains; every subdomain is included (`gov.vn` covers `hanoi.gov.vn`). */
  domains: string[];
}

export const BUILTIN_PORTALS: readonly Portal[] = [
  { id: 'gov-vn', label: '*.gov.vn', domains: ['gov.vn'] },
  { id: 'chinhphu', label: 'chinhphu.vn', domains: ['chinhphu.vn'] },
  { id: 'baochinhphu', label: 'baochinhphu.vn', domains: ['baochinhphu.vn'] },
  { id: 'quochoi', label: 'quochoi.vn', domains: ['quochoi.vn'] },
  { id: 'dangcongsan', label: 'dangcongsan.vn', domains: ['dangcongsan.vn'] },
  { id: 'nhandan', label: 'nhandan.vn', domains: ['nhandan.vn'] },
  { id: 'vietnamplus', label: 'vietnamplus.vn', domains: ['vietnamplus.vn'] },
  { id: 'qdnd', label: 'qdnd.vn', domains: ['qdnd.vn'] },
  { id: 'tuyengiao', label: 'tuyengiao.vn', domains: ['tuyengiao.vn'] },
  { id: 'gov-uk', label: 'GOV.UK', domains: ['gov.uk'] },
  { id: 'whitehouse', label: 'whitehouse.gov', domains: ['whitehouse.gov'] },
  { id: 'canada', label: 'canada.ca', domains: ['canada.ca'] },
];

/** Match patterns for one domain and all its subdomains, over http and https. */
export function matchPatternsForDomain(domain: string): string[] {
  // `*.example.com` matches the bare domain too, per the match-pattern spec.
  return [`*://*.${domain}/*`];
}

export const PORTAL_MATCH_PATTERNS: string[] = BUILTIN_PORTALS.flatMap((p) =>
  p.domains.flatMap(matchPatternsForDomain),
);

/** Is `hostname` the domain itself or one of its subdomains? */
export function hostMatchesDomain(hostname: string, domain: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const d = domain.toLowerCase();
  return host === d || host.endsWith(`.${d}`);
}

/** The built-in portal a URL belongs to, if any. */
export function findPortal(url: string, portals: readonly Portal[] = BUILTIN_PORTALS): Portal | undefined {
  let hostname: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    hostname = parsed.hostname;
  } catch {
    return undefined;
  }
  return portals.find((p) => p.domains.some((d) => hostMatchesDomain(hostname, d)));
}
