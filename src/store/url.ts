import { isAbsolute, resolve } from 'node:path';

/** Where the store keeps its values, parsed from STORE_URL. */
export type StoreTarget =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'redis'; readonly url: string };

/** The value the app uses when STORE_URL is not set. */
export const DEFAULT_STORE_URL = 'sqlite://data/interviews.sqlite';

const ACCEPTED =
  'sqlite://<path> (e.g. sqlite://data/interviews.sqlite), memory:// or redis://[user:password@]host:port[/db]';

/** The URL with any password replaced by `***`, on one line: safe to log or show. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^/@:]*):[^/@]*@/, '$1:***@').replace(/[\r\n\t]+/g, ' ');
}

const invalid = (url: string, why: string): Error =>
  new Error(`STORE_URL "${redactUrl(url)}" is not valid (${why}): use ${ACCEPTED}`);

/** Whether STORE_URL names Redis, the one store that several processes share (and lock across). */
export function isRedisUrl(url: string): boolean {
  return /^rediss?:\/\//.test(url.trim());
}

/** Parses STORE_URL; throws one line naming STORE_URL and the accepted forms when it is not one of them. */
export function parseStoreUrl(url: string, cwd: string = process.cwd()): StoreTarget {
  const trimmed = url.trim();
  if (trimmed === 'memory://') return { kind: 'memory' };
  if (trimmed.startsWith('sqlite://')) {
    const path = trimmed.slice('sqlite://'.length);
    if (path === '') throw invalid(url, 'no file path');
    return { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (isRedisUrl(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      throw invalid(url, 'not a URL');
    }
    if (parsed.hostname === '') throw invalid(url, 'no host');
    if (!/^(\/\d*)?$/.test(parsed.pathname)) throw invalid(url, 'the path must be a database number');
    if (parsed.search !== '' || parsed.hash !== '') throw invalid(url, 'no query or fragment allowed');
    return { kind: 'redis', url: trimmed };
  }
  throw invalid(url, 'unknown scheme');
}
