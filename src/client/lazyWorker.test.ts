import { describe, expect, it } from 'vitest';
import { LazyWorker } from './lazyWorker';

class Fake {
  sent: unknown[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  terminated = false;
  postMessage(msg: unknown): void {
    this.sent.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('LazyWorker', () => {
  it('creates nothing until start, then hands over what was posted, in order, and forwards replies', () => {
    const made: Fake[] = [];
    const lazy = new LazyWorker(() => {
      const f = new Fake();
      made.push(f);
      return f as unknown as Worker;
    });
    const heard: unknown[] = [];
    lazy.onmessage = (e) => heard.push(e.data);
    lazy.postMessage({ n: 1 });
    lazy.postMessage({ n: 2 });
    expect(made).toHaveLength(0);
    expect(lazy.started).toBe(false);
    lazy.start();
    lazy.start();
    expect(made).toHaveLength(1);
    expect(made[0].sent).toEqual([{ n: 1 }, { n: 2 }]);
    lazy.postMessage({ n: 3 });
    expect(made[0].sent).toHaveLength(3);
    made[0].onmessage?.({ data: 'hi' } as MessageEvent);
    expect(heard).toEqual(['hi']);
  });

  it('after terminate, neither starts nor posts', () => {
    let made = 0;
    const lazy = new LazyWorker(() => {
      made++;
      return new Fake() as unknown as Worker;
    });
    lazy.postMessage('queued');
    lazy.terminate();
    lazy.start();
    expect(made).toBe(0);
  });
});
