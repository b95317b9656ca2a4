// The helper thread's whole program, as source text: it must run from a Blob URL in a browser
// and from `new Worker(source, { eval: true })` in Node, so it imports nothing and is kept as a
// string (a stringified TS function would pick up bundler helpers and renamed identifiers).
//
// Work sharing: a job is a table of rows; every thread, the caller included, claims rows one at
// a time until none is left, so a thread the OS holds back simply takes fewer rows. A row is up
// to CALLS_PER_ROW calls into the kernel module: packing its own slice of an operand, then the
// micro-kernel over that slice. Shared Int32Array layout:
//   [JOB]      job number, bumped by the caller (negative: exit)
//   [CLAIM]    (job tag << 16) | next unclaimed row; a compare-exchange claims a row
//   [ROWS]     rows in the current job
//   [FINISHED] rows finished
//   [READY + i] 1 once helper i has compiled the module
//   [TABLE + row·ROW_INTS …] row: call count, then per call: function index, argument count, arguments
// The helper spins a little before sleeping: products arrive back to back during a training
// step, and waking from Atomics.wait costs tens of microseconds.

export const JOB = 0;
export const CLAIM = 1;
export const ROWS = 2;
export const FINISHED = 3;
export const READY = 8;
/** Helpers a pool may have (READY slots before the table). */
export const MAX_HELPERS = 56;
export const TABLE = 64;
export const CALLS_PER_ROW = 3;
export const ARGS_PER_CALL = 8;
export const ROW_INTS = 1 + CALLS_PER_ROW * (2 + ARGS_PER_CALL);
export const MAX_ROWS = 1024;
/** Rows are claimed as (tag << 16 | row): at most 65,535 rows, tags wrap at 15 bits. */
export const TAG_MASK = 0x7fff;

export const GEMM_WORKER_SOURCE = `
'use strict';
const JOB = ${JOB}, CLAIM = ${CLAIM}, ROWS = ${ROWS}, FINISHED = ${FINISHED}, READY = ${READY};
const TABLE = ${TABLE}, ROW_INTS = ${ROW_INTS}, TAG_MASK = ${TAG_MASK};
const SPIN = 20000;
function start(init) {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(init.bytes), { env: { memory: init.memory } });
  const fns = init.names.map((name) => instance.exports[name]);
  const ctl = new Int32Array(init.control);
  const args = [];
  function runRow(row) {
    let at = TABLE + row * ROW_INTS;
    const calls = ctl[at++];
    for (let c = 0; c < calls; c++) {
      const fn = fns[ctl[at]];
      const n = ctl[at + 1];
      args.length = n;
      for (let i = 0; i < n; i++) args[i] = ctl[at + 2 + i];
      fn(...args);
      at += 2 + ${ARGS_PER_CALL};
    }
  }
  Atomics.store(ctl, READY + init.slot, 1);
  let seen = Atomics.load(ctl, JOB);
  for (;;) {
    let spins = 0;
    while (Atomics.load(ctl, JOB) === seen && spins < SPIN) spins++;
    if (Atomics.load(ctl, JOB) === seen) Atomics.wait(ctl, JOB, seen);
    const job = Atomics.load(ctl, JOB);
    if (job === seen) continue;
    if (job < 0) return;
    seen = job;
    const tag = job & TAG_MASK;
    for (;;) {
      const v = Atomics.load(ctl, CLAIM);
      if (v >>> 16 !== tag) break;
      const row = v & 0xffff;
      if (row >= Atomics.load(ctl, ROWS)) break;
      if (Atomics.compareExchange(ctl, CLAIM, v, v + 1) !== v) continue;
      runRow(row);
      Atomics.add(ctl, FINISHED, 1);
      Atomics.notify(ctl, FINISHED);
    }
  }
}
if (typeof self === 'object' && typeof self.postMessage === 'function' && typeof require !== 'function') {
  self.onmessage = (e) => start(e.data);
} else {
  const { parentPort } = require('node:worker_threads');
  parentPort.once('message', (data) => { start(data); process.exit(0); });
}
`;
