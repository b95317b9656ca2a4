// A static server for the built site, as a plain host serves it: `dir` at `prefix` only (a
// GitHub project page lives under /REPO/), a content type and nothing else (no COOP/COEP).

import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };

/** Listens on a free port of 127.0.0.1; close it when done. */
export async function serveUnder(dir: string, prefix: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = normalize(join(dir, decodeURIComponent(path.slice(prefix.length))));
    if (!path.startsWith(prefix) || !file.startsWith(dir)) {
      res.writeHead(404).end();
      return;
    }
    const target = path.endsWith('/') ? join(file, 'index.html') : file;
    stat(target)
      .then(() => readFile(target))
      .then(
        (body) => res.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream' }).end(body),
        () => res.writeHead(404).end(),
      );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}
