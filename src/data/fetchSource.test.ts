// fetchSource against a fetch stand-in that serves the real gz files in 64 KiB chunks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUILD_TIMEOUT_MS, buildDatasets, datasetsDir } from './builtDatasets';
import { fetchSource, loadManifest, loadSplit } from './index';
import type { LoadProgress } from './index';

const BASE = 'http://example.test/app/';
const FILE = 'mnist/test-images.u8.gz';

beforeAll(() => {
  buildDatasets();
}, BUILD_TIMEOUT_MS);

afterEach(() => {
  vi.unstubAllGlobals();
});

function chunked(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 65_536));
      offset += 65_536;
    },
  });
}

interface Serve {
  contentLength?: boolean;
  /** Hand over the decoded bytes, as a browser does for Content-Encoding: gzip. */
  decoded?: boolean;
}

/** Stands in for fetch: serves files from public/datasets under BASE; records the URLs asked for. */
function serve(opts: Serve = {}) {
  const urls: string[] = [];
  vi.stubGlobal('fetch', async (input: string) => {
    urls.push(input);
    if (!input.startsWith(`${BASE}datasets/`)) return new Response('not found', { status: 404, statusText: 'Not Found' });
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(join(datasetsDir, input.slice(`${BASE}datasets/`.length)));
    } catch {
      return new Response('not found', { status: 404, statusText: 'Not Found' });
    }
    const headers = new Headers();
    if (opts.contentLength !== false) headers.set('content-length', String(bytes.length));
    if (opts.decoded && input.endsWith('.gz')) {
      headers.set('content-encoding', 'gzip');
      bytes = gunzipSync(bytes);
    }
    return new Response(chunked(bytes), { headers });
  });
  return urls;
}

describe('fetchSource', () => {
  const gz = () => readFileSync(join(datasetsDir, FILE));

  it('fetches under datasets/, gunzips, and reports progress up to Content-Length', async () => {
    const urls = serve();
    const events: LoadProgress[] = [];
    const bytes = await fetchSource(BASE).read(FILE, (p) => events.push(p));
    expect(urls).toEqual([`${BASE}datasets/${FILE}`]);
    // Buffer.equals: toEqual walks 7.8 MB element by element for tens of seconds.
    expect(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).equals(gunzipSync(gz()))).toBe(true);
    const total = gz().length;
    expect(events.length).toBeGreaterThan(10);
    expect(events.every((e) => e.file === FILE && e.total === total)).toBe(true);
    for (let i = 1; i < events.length; i++) expect(events[i].loaded).toBeGreaterThanOrEqual(events[i - 1].loaded);
    expect(events.at(-1)).toEqual({ file: FILE, loaded: total, total });
  });

  it('uses the size it is given when there is no Content-Length', async () => {
    serve({ contentLength: false });
    const events: LoadProgress[] = [];
    await fetchSource(BASE).read(FILE, (p) => events.push(p), 1_600_000);
    expect(events[1].total).toBe(1_600_000);
    expect(events.at(-1)).toEqual({ file: FILE, loaded: gz().length, total: gz().length });
  });

  it('accepts a body the browser already decoded', async () => {
    serve({ decoded: true });
    const bytes = await fetchSource(BASE).read(FILE);
    expect(bytes.length).toBe(7_840_024);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('VAEP');
  });

  it('loads a whole split through the manifest', async () => {
    serve();
    const source = fetchSource(BASE);
    const manifest = await loadManifest(source);
    const files = new Map<string, LoadProgress>();
    const split = await loadSplit(source, manifest, 'mnist', 'test', (p) => files.set(p.file, p));
    expect(split.labels[0]).toBe(7);
    expect(split.pixels.length).toBe(10_000 * 784);
    const info = manifest.datasets[0].splits.test;
    expect(files.get(info.images)).toEqual({ file: info.images, loaded: info.imagesGzBytes, total: info.imagesGzBytes });
    expect(files.get(info.labels)?.loaded).toBe(info.labelsGzBytes);
  });

  it('names the file on an HTTP error', async () => {
    serve();
    await expect(fetchSource(BASE).read('mnist/nope.u8.gz')).rejects.toThrow(
      `mnist/nope.u8.gz: HTTP 404 Not Found for ${BASE}datasets/mnist/nope.u8.gz`,
    );
  });

  it('wants an absolute base ending in "/" outside the main thread', () => {
    expect(() => fetchSource('./')).toThrow(/absolute URL/);
    expect(() => fetchSource('http://example.test/app')).toThrow(/end with "\/"/);
  });
});
