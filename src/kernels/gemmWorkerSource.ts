// The helper thread's whole program, as source text: it must run from a Blob URL in a browser
// and from `new Worker(source, { eval: true })` in Node, so it imports nothing and is kept as a
// string (a stringified TS function would pick up bundler helpers and renamed identifiers).
//
// Protocol, per helper, on a shared Int32Array at `slot * SLOT_INTS`:
//   [0] job sequence number, bumped by the caller (negative: exit)
//   [1] sequence number of the last finished job, set by the helper
//   [2] 1 once the helper has compiled the module
//   [3..10] the eight i32 arguments of gemm()
// The helper spins a little before sleeping: products arrive back to back during a training
// step, and waking from Atomics.wait costs tens of microseconds.

export const SLOT_INTS = 16;
export const SEQ = 0;
export const DONE = 1;
export const READY = 2;
export const ARGS = 3;

export const GEMM_WORKER_SOURCE = `
'use strict';
const SLOT_INTS = ${SLOT_INTS}, SEQ = ${SEQ}, DONE = ${DONE}, READY = ${READY}, ARGS = ${ARGS};
const SPIN = 20000;
function start(init) {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(init.bytes), { env: { memory: init.memory } });
  const gemm = instance.exports.gemm;
  const ctl = new Int32Array(init.control);
  const base = init.slot * SLOT_INTS;
  Atomics.store(ctl, base + READY, 1);
  Atomics.notify(ctl, base + READY);
  let seen = Atomics.load(ctl, base + SEQ);
  for (;;) {
    let spins = 0;
    while (Atomics.load(ctl, base + SEQ) === seen && spins < SPIN) spins++;
    if (Atomics.load(ctl, base + SEQ) === seen) Atomics.wait(ctl, base + SEQ, seen);
    const seq = Atomics.load(ctl, base + SEQ);
    if (seq === seen) continue;
    if (seq < 0) return;
    seen = seq;
    const a = base + ARGS;
    gemm(ctl[a], ctl[a + 1], ctl[a + 2], ctl[a + 3], ctl[a + 4], ctl[a + 5], ctl[a + 6], ctl[a + 7]);
    Atomics.store(ctl, base + DONE, seq);
    Atomics.notify(ctl, base + DONE);
  }
}
if (typeof self === 'object' && typeof self.postMessage === 'function' && typeof require !== 'function') {
  self.onmessage = (e) => start(e.data);
} else {
  const { parentPort } = require('node:worker_threads');
  parentPort.once('message', (data) => { start(data); process.exit(0); });
}
`;
