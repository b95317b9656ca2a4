// Timing one synchronous piece of work in Node, for the kernel benches: wall time and the
// process's CPU time (user + system, every thread), because on a shared 2-core machine CPU time
// says more about a kernel than the wall clock does.

/** Runs `once` warmup + reps times; the wall and CPU milliseconds of the timed runs, in order. */
export function timeRuns(once: () => void, reps: number, warmup: number): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < warmup + reps; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    once();
    const dt = performance.now() - t0;
    const dc = process.cpuUsage(c0);
    if (i >= warmup) {
      wall.push(dt);
      cpu.push((dc.user + dc.system) / 1000);
    }
  }
  return { wall, cpu };
}
