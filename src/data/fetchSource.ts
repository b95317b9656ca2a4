import type { DataSource } from './dataSource';
import { DatasetError, describeError } from './errors';
import { maybeGunzip, readAll } from './gzip';
import type { LoadProgress } from './types';

/**
 * Files under `${baseUrl}datasets/`, fetched and gunzipped with DecompressionStream.
 * In a worker, pass an absolute URL: a relative one would resolve against the worker script's
 * URL, not the page's. On the main thread a relative base resolves against document.baseURI.
 */
export function fetchSource(baseUrl: string): DataSource {
  const root = new URL('datasets/', absoluteBase(baseUrl));

  async function get(file: string): Promise<Response> {
    const url = new URL(file, root).href;
    let res: Response;
    try {
      res = await fetch(url);
    } catch (err) {
      throw new DatasetError(file, `network error fetching ${url} (${describeError(err)})`, { cause: err });
    }
    if (!res.ok) throw new DatasetError(file, `HTTP ${res.status} ${res.statusText} for ${url}`.trimEnd());
    return res;
  }

  return {
    describe: root.href,
    async read(file: string, onProgress?: (p: LoadProgress) => void, expectedBytes?: number): Promise<Uint8Array> {
      const res = await get(file);
      // Content-Length counts the bytes on the wire; with Content-Encoding they are not the
      // bytes the body stream yields, so the manifest's figure is the better total then.
      const header = Number(res.headers.get('content-length'));
      const encoded = res.headers.get('content-encoding') !== null;
      let total = !encoded && header > 0 ? header : expectedBytes ?? 0;
      const report = (loaded: number) => {
        total = Math.max(total, loaded);
        onProgress?.({ file, loaded, total });
      };
      onProgress?.({ file, loaded: 0, total });
      let body: Uint8Array;
      try {
        body = res.body ? await readAll(res.body, report) : new Uint8Array(await res.arrayBuffer());
      } catch (err) {
        throw new DatasetError(file, `download interrupted (${describeError(err)})`, { cause: err });
      }
      // The last report says "done" even when the total was a guess.
      onProgress?.({ file, loaded: body.byteLength, total: body.byteLength });
      return maybeGunzip(file, body);
    },
    async readText(file: string): Promise<string> {
      return (await get(file)).text();
    },
  };
}

function absoluteBase(baseUrl: string): string {
  if (!baseUrl.endsWith('/')) throw new Error(`fetchSource: baseUrl must end with "/" (got ${JSON.stringify(baseUrl)})`);
  if (URL.canParse(baseUrl)) return baseUrl;
  const doc = (globalThis as { document?: { baseURI: string } }).document;
  if (doc) return new URL(baseUrl, doc.baseURI).href;
  throw new Error(`fetchSource: baseUrl must be an absolute URL outside the main thread (got ${JSON.stringify(baseUrl)})`);
}
