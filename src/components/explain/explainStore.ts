// What the explanations share with the rest of the page, outside React: which topic the
// drawer shows, the image in focus (hovered, picked or drawn), the live sample z = μ + σ·ε
// drawn for it (redrawn every SAMPLE_MS so the sample visibly moves) and the explorer's
// draggable latent point.
import type { LatentPointStore } from '../latentShared/latentPoint';
import { drawEpsilon, type Rng } from './monteCarlo';

export const SECTION_IDS = [
  'network',
  'reparam',
  'elbo',
  'likelihood',
  'mc',
  'kl',
  'continuity',
  'traversal',
  'logpx',
  'active',
  'disentangle',
  'rd',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

/** How often ε is redrawn for the image in focus. */
export const SAMPLE_MS = 1200;

export interface FocusView {
  kind: 'test' | 'drawn';
  /** Test index, −1 for a drawing. */
  index: number;
  /** Class name for a test image. */
  className: string | null;
  /** The image, 784 values in [0,1], once known. */
  x: Float32Array | null;
  mu: Float32Array;
  /** log σ², null for the AE. */
  logvar: Float32Array | null;
  /** The two dimensions the map shows (the ones pictures of this code use). */
  dims: [number, number];
}

export interface SampleView {
  eps: Float32Array;
  z: Float32Array;
  /** Counts draws, so views can tell a new sample from a re-render. */
  seq: number;
}

export interface DrawerState {
  open: boolean;
  section: SectionId;
}

/** The last log p(x) estimate the reader asked for; it outlives the drawer being closed. */
export type LogpxRun =
  | { status: 'running'; K: number }
  | { status: 'done'; K: number; logpx: number; elbo: number; count: number; step: number }
  | { status: 'failed'; K: number; message: string };

type Topic = 'drawer' | 'focus' | 'sample' | 'point' | 'logpx';

export class ExplainStore {
  private drawerState: DrawerState = { open: false, section: 'network' };
  private focusView: FocusView | null = null;
  private sampleView: SampleView | null = null;
  private pointStore: LatentPointStore | null = null;
  private logpxRun: LogpxRun | null = null;
  private seq = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly listeners = new Map<Topic, Set<() => void>>();
  private readonly tabListeners = new Set<(tab: 'traversal') => void>();

  constructor(
    private readonly rng: Rng = Math.random,
    /** False where the reader asked for reduced motion: one sample per focus, no ticking. */
    private readonly animate = true,
  ) {}

  get drawer(): DrawerState {
    return this.drawerState;
  }
  get focus(): FocusView | null {
    return this.focusView;
  }
  get sample(): SampleView | null {
    return this.sampleView;
  }
  get point(): LatentPointStore | null {
    return this.pointStore;
  }

  get logpx(): LogpxRun | null {
    return this.logpxRun;
  }
  setLogpx(run: LogpxRun | null): void {
    this.logpxRun = run;
    this.emit('logpx');
  }

  setPoint(point: LatentPointStore | null): void {
    if (point === this.pointStore) return;
    this.pointStore = point;
    this.emit('point');
  }

  subscribe(topic: Topic, listener: () => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  open(section: SectionId): void {
    this.setDrawer({ open: true, section });
  }
  close(): void {
    this.setDrawer({ ...this.drawerState, open: false });
  }
  show(section: SectionId): void {
    this.setDrawer({ ...this.drawerState, section });
  }

  /** Asks the explorer to show a tab (the traversal section's button). */
  requestTab(tab: 'traversal'): void {
    for (const l of this.tabListeners) l(tab);
  }
  onTabRequest(listener: (tab: 'traversal') => void): () => void {
    this.tabListeners.add(listener);
    return () => this.tabListeners.delete(listener);
  }

  setFocus(focus: FocusView | null): void {
    if (focus === this.focusView) return;
    const sameCode = focus && this.focusView && focus.mu === this.focusView.mu && focus.logvar === this.focusView.logvar;
    this.focusView = focus;
    this.emit('focus');
    if (!sameCode) this.redraw();
  }

  /** A fresh ε for the code in focus (also what the timer calls). */
  redraw(): void {
    const f = this.focusView;
    if (!f || !f.logvar) {
      this.stopTimer();
      if (this.sampleView) {
        this.sampleView = null;
        this.emit('sample');
      }
      return;
    }
    const eps = drawEpsilon(f.mu.length, this.rng);
    const z = new Float32Array(f.mu.length);
    for (let j = 0; j < z.length; j++) z[j] = f.mu[j] + Math.exp(0.5 * f.logvar[j]) * eps[j];
    this.sampleView = { eps, z, seq: ++this.seq };
    this.emit('sample');
    if (this.animate && this.timer === null) this.timer = setInterval(() => this.redraw(), SAMPLE_MS);
  }

  dispose(): void {
    this.stopTimer();
    this.listeners.clear();
    this.tabListeners.clear();
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private setDrawer(next: DrawerState): void {
    if (next.open === this.drawerState.open && next.section === this.drawerState.section) return;
    this.drawerState = next;
    this.emit('drawer');
  }

  private emit(topic: Topic): void {
    for (const l of this.listeners.get(topic) ?? []) l();
  }
}
