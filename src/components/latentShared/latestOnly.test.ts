import { describe, expect, it } from 'vitest';
import { LatestOnly } from './latestOnly';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('LatestOnly', () => {
  it('keeps one request in flight and only the newest waiting', async () => {
    const calls: number[] = [];
    const replies: Array<ReturnType<typeof deferred<number>>> = [];
    const results: number[] = [];
    const q = new LatestOnly<number, number>(
      (req) => {
        calls.push(req);
        const d = deferred<number>();
        replies.push(d);
        return d.promise;
      },
      (res) => results.push(res),
    );
    q.request(1);
    q.request(2);
    q.request(3);
    q.request(4);
    expect(calls).toEqual([1]);
    expect(q.inFlight).toBe(true);
    replies[0].resolve(10);
    await flush();
    // 2 and 3 were superseded by 4 before the first answer came back.
    expect(calls).toEqual([1, 4]);
    expect(results).toEqual([10]);
    replies[1].resolve(40);
    await flush();
    expect(results).toEqual([10, 40]);
    expect(q.inFlight).toBe(false);
  });

  it('moves on after a failure and reports it', async () => {
    const errors: number[] = [];
    const calls: number[] = [];
    const q = new LatestOnly<number, number>(
      (req) => {
        calls.push(req);
        return req === 1 ? Promise.reject(new Error('no weights')) : Promise.resolve(req * 10);
      },
      () => {},
      (_err, req) => errors.push(req),
    );
    q.request(1);
    q.request(2);
    await flush();
    await flush();
    expect(errors).toEqual([1]);
    expect(calls).toEqual([1, 2]);
    expect(q.inFlight).toBe(false);
  });

  it('survives a runner that throws synchronously', async () => {
    const errors: unknown[] = [];
    const q = new LatestOnly<number, number>(
      () => {
        throw new Error('boom');
      },
      () => {},
      (err) => errors.push(err),
    );
    q.request(1);
    await flush();
    expect(errors).toHaveLength(1);
    expect(q.inFlight).toBe(false);
  });
});
