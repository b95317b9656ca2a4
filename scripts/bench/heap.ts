// JavaScript heap of the page and of its workers through the DevTools protocol (workers have
// no performance.memory). Workers are reached through non-flat auto-attach, whose messages
// travel inside Target.sendMessageToTarget / receivedMessageFromTarget on the page's session.

import type { CDPSession, Page } from '@playwright/test';

export interface HeapUsage {
  /** Live JS objects after a forced garbage collection, bytes. */
  usedBytes: number;
  /** ArrayBuffers outside the JS heap (WASM memory, typed arrays), bytes. */
  backingStorageBytes: number | null;
}

interface RawHeapUsage {
  usedSize: number;
  totalSize: number;
  backingStorageSize?: number;
}

const REPLY_TIMEOUT_MS = 10_000;

export class HeapReader {
  private readonly workers = new Map<string, string>();
  private readonly waiting = new Map<number, (reply: { result?: unknown; error?: { message: string } }) => void>();
  private nextId = 1;

  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') this.workers.set(e.targetInfo.url, e.sessionId);
    });
    cdp.on('Target.detachedFromTarget', (e) => {
      for (const [url, id] of this.workers) if (id === e.sessionId) this.workers.delete(url);
    });
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const reply = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
      const done = reply.id === undefined ? undefined : this.waiting.get(reply.id);
      if (done && reply.id !== undefined) {
        this.waiting.delete(reply.id);
        done(reply);
      }
    });
  }

  /** Attach before navigating, so the workers the app starts are seen. */
  static async attach(page: Page): Promise<HeapReader> {
    const cdp = await page.context().newCDPSession(page);
    const reader = new HeapReader(cdp);
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return reader;
  }

  /** The page's main thread. */
  async main(): Promise<HeapUsage> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    const u = (await this.cdp.send('Runtime.getHeapUsage')) as RawHeapUsage;
    return { usedBytes: u.usedSize, backingStorageBytes: u.backingStorageSize ?? null };
  }

  /** The worker whose script URL contains `name` (e.g. "training.worker"); null if none. */
  async worker(name: string): Promise<HeapUsage | null> {
    const session = [...this.workers].find(([url]) => url.includes(name))?.[1];
    if (!session) return null;
    await this.ask(session, 'HeapProfiler.collectGarbage');
    const u = (await this.ask(session, 'Runtime.getHeapUsage')) as RawHeapUsage;
    return { usedBytes: u.usedSize, backingStorageBytes: u.backingStorageSize ?? null };
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => {});
  }

  private ask(sessionId: string, method: string): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${method}: no reply from the worker in ${REPLY_TIMEOUT_MS} ms`));
      }, REPLY_TIMEOUT_MS);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result);
      });
      this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(reject);
    });
  }
}
