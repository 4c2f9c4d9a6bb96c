/**
 * Serves saved sites by host name: a request for http://hanoi.gov.vn/a/b.htm is answered from
 * <root>/hanoi.gov.vn/a/b.htm. Chromium is told to resolve every host to this server
 * (--host-resolver-rules), so pages load under their real portal names and the production manifest's
 * match patterns are what gets exercised. Loopback only.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.aspx': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
};

export interface SiteServer {
  port: number;
  /** Chromium flag value that sends every host (but localhost) to this server. */
  hostResolverRules: string;
  /** Paths requested so far, as "host/path" — lets tests check what a page loaded. */
  requests: string[];
  close(): Promise<void>;
}

/** Later roots win, so a test can overlay its own pages on the bundled sample sites. */
export async function startSiteServer(roots: string[], port = 0): Promise<SiteServer> {
  const absoluteRoots = roots.map((r) => resolve(r));
  const requests: string[] = [];

  async function findFile(host: string, pathname: string): Promise<string | undefined> {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    for (const root of [...absoluteRoots].reverse()) {
      const siteRoot = join(root, host);
      let candidate = join(siteRoot, relative);
      if (!candidate.startsWith(siteRoot + sep) && candidate !== siteRoot) return undefined; // no ../ escapes
      try {
        if ((await stat(candidate)).isDirectory()) candidate = join(candidate, 'index.html');
        await stat(candidate);
        return candidate;
      } catch {
        // not in this root
      }
    }
    return undefined;
  }

  const server: Server = createServer((req, res) => {
    const host = (req.headers.host ?? '').split(':')[0]!.toLowerCase();
    const url = new URL(req.url ?? '/', 'http://placeholder');
    requests.push(`${host}${url.pathname}`);
    void (async () => {
      const file = /^[a-z0-9.-]+$/.test(host) ? await findFile(host, url.pathname).catch(() => undefined) : undefined;
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found');
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    })();
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    port: actualPort,
    hostResolverRules: `MAP * 127.0.0.1:${actualPort}, EXCLUDE localhost`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
