import { describe, expect, it } from 'vitest';
import { RestartableWorker } from './restartableWorker';

class FakeWorker {
  sent: unknown[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  postMessage(msg: unknown): void {
    this.sent.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function make() {
  const made: FakeWorker[] = [];
  const w = new RestartableWorker(() => {
    const f = new FakeWorker();
    made.push(f);
    return f as unknown as Worker;
  });
  return { w, made };
}

describe('RestartableWorker', () => {
  it('starts lazily and hands over what was posted before', () => {
    const { w, made } = make();
    w.postMessage({ type: 'init' });
    expect(made).toHaveLength(0);
    w.start();
    expect(made[0]!.sent).toEqual([{ type: 'init' }]);
  });

  it('a restart ends the old worker, starts a new one, and keeps the handlers; the old one is no longer heard', () => {
    const { w, made } = make();
    const heard: unknown[] = [];
    const errors: string[] = [];
    w.onmessage = (e) => heard.push(e.data);
    w.onerror = (e) => errors.push(e.message);
    w.start();
    const old = made[0]!;
    w.restart();
    expect(old.terminated).toBe(true);
    expect(made).toHaveLength(2);
    expect(w.generation).toBe(2);
    old.onmessage?.({ data: 'stale' } as MessageEvent);
    old.onerror?.({ message: 'stale' } as ErrorEvent);
    made[1]!.onmessage?.({ data: 'fresh' } as MessageEvent);
    made[1]!.onerror?.({ message: 'fresh' } as ErrorEvent);
    expect(heard).toEqual(['fresh']);
    expect(errors).toEqual(['fresh']);
    w.postMessage({ type: 'play' });
    expect(made[1]!.sent).toEqual([{ type: 'play' }]);
  });

  it('after terminate, nothing restarts', () => {
    const { w, made } = make();
    w.start();
    w.terminate();
    w.restart();
    expect(made).toHaveLength(1);
  });
});
