// The draggable latent point z, outside React. Two kinds of listener:
// - the decoder hears every move at once (it posts the decode request from the pointer event);
// - the views (handle, coordinates) hear a z once its decoded image has been painted, so the
//   point, its numbers and the image always change in the same frame, and a move costs no
//   extra frame of layout and paint before the decoded image can appear. If no image comes
//   (no weights yet, a dead worker), the views follow anyway after PRESENT_FALLBACK_MS.

export type MoveListener = (z: Float32Array, t0: number | null, seq: number) => void;
export type ViewListener = (z: Float32Array) => void;

/** How long a view waits for the decoded image before it shows a move regardless. */
export const PRESENT_FALLBACK_MS = 60;

export class LatentPointStore {
  private z: Float32Array;
  private shownZ: Float32Array;
  private seq = 0;
  private fallback: ReturnType<typeof setTimeout> | null = null;
  private readonly movers = new Set<MoveListener>();
  private readonly viewers = new Set<ViewListener>();

  constructor(dim: number) {
    this.z = new Float32Array(dim);
    this.shownZ = this.z;
  }

  get dim(): number {
    return this.z.length;
  }

  /** The latest z (do not mutate). */
  get value(): Float32Array {
    return this.z;
  }

  /** Number of the latest move, for present(). */
  get latestSeq(): number {
    return this.seq;
  }

  /** The z the views show now (do not mutate). */
  get shown(): Float32Array {
    return this.shownZ;
  }

  /** Every move, as it happens. */
  subscribe = (listener: MoveListener): (() => void) => {
    this.movers.add(listener);
    return () => {
      this.movers.delete(listener);
    };
  };

  /** Moves once they are presented (see the file comment). */
  watch = (listener: ViewListener): (() => void) => {
    this.viewers.add(listener);
    return () => {
      this.viewers.delete(listener);
    };
  };

  /** A new latent size (after a reset): back to the origin. */
  resize(dim: number): void {
    if (dim === this.z.length) return;
    this.set(new Float32Array(dim), null);
  }

  /**
   * Moves the shown dimensions dx, dy to (zx, zy); the others are held at 0, the map's promise.
   * t0: performance.now() of the user event that caused it, for the latency record.
   */
  moveTo(dx: number, dy: number, zx: number, zy: number, t0: number | null): void {
    const next = new Float32Array(this.z.length);
    next[dx] = zx;
    next[dy] = zy;
    this.set(next, t0);
  }

  /** The decoder painted the image of move `seq`: show that z. */
  present(z: Float32Array, seq: number): void {
    if (seq === this.seq) this.clearFallback();
    this.show(z);
  }

  private set(z: Float32Array, t0: number | null): void {
    this.z = z;
    const seq = ++this.seq;
    this.clearFallback();
    this.fallback = setTimeout(() => {
      this.fallback = null;
      this.show(this.z);
    }, PRESENT_FALLBACK_MS);
    for (const l of this.movers) l(z, t0, seq);
  }

  private show(z: Float32Array): void {
    this.shownZ = z;
    for (const l of this.viewers) l(z);
  }

  private clearFallback(): void {
    if (this.fallback !== null) clearTimeout(this.fallback);
    this.fallback = null;
  }
}
