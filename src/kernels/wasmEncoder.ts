// A minimal WebAssembly binary writer: just enough of the format (types, one imported memory,
// functions, exports, code) and of the instruction set (integer arithmetic, loops, f32 and
// SIMD loads/stores/arithmetic) to emit the matrix-product kernels at run time. Generating the
// bytes in JS means no compiler, no build step and no committed binary.

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

function uleb(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const utf8 = (s: string): number[] => Array.from(new TextEncoder().encode(s));
const name = (s: string): number[] => [...uleb(utf8(s).length), ...utf8(s)];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

/** Instruction stream of one function body; each method appends one instruction. */
export class Code {
  readonly bytes: number[] = [];
  private op(...b: number[]): this {
    for (const x of b) this.bytes.push(x);
    return this;
  }
  private simd(code: number, ...rest: number[]): this {
    return this.op(0xfd, ...uleb(code), ...rest);
  }
  /** memarg: log2 alignment and a constant byte offset. */
  private mem(align: number, offset: number): number[] {
    return [...uleb(align), ...uleb(offset)];
  }

  block(): this { return this.op(0x02, 0x40); }
  loop(): this { return this.op(0x03, 0x40); }
  if_(): this { return this.op(0x04, 0x40); }
  else_(): this { return this.op(0x05); }
  end(): this { return this.op(0x0b); }
  br(depth: number): this { return this.op(0x0c, ...uleb(depth)); }
  brIf(depth: number): this { return this.op(0x0d, ...uleb(depth)); }
  drop(): this { return this.op(0x1a); }
  select(): this { return this.op(0x1b); }

  get(local: number): this { return this.op(0x20, ...uleb(local)); }
  set(local: number): this { return this.op(0x21, ...uleb(local)); }
  tee(local: number): this { return this.op(0x22, ...uleb(local)); }

  i32(value: number): this { return this.op(0x41, ...sleb(value)); }
  i32Eqz(): this { return this.op(0x45); }
  i32Eq(): this { return this.op(0x46); }
  i32Ne(): this { return this.op(0x47); }
  i32LtS(): this { return this.op(0x48); }
  i32LtU(): this { return this.op(0x49); }
  i32GtS(): this { return this.op(0x4a); }
  i32GtU(): this { return this.op(0x4b); }
  i32LeU(): this { return this.op(0x4d); }
  i32GeU(): this { return this.op(0x4f); }
  i32Add(): this { return this.op(0x6a); }
  i32Sub(): this { return this.op(0x6b); }
  i32Mul(): this { return this.op(0x6c); }
  i32And(): this { return this.op(0x71); }
  i32Shl(): this { return this.op(0x74); }

  /** memory.copy (bulk memory): dst, src, bytes. */
  memoryCopy(): this { return this.op(0xfc, 10, 0, 0); }
  /** memory.fill (bulk memory): dst, byte value, bytes. */
  memoryFill(): this { return this.op(0xfc, 11, 0); }
  i32Load(offset = 0): this { return this.op(0x28, ...this.mem(2, offset)); }
  i32Store(offset = 0): this { return this.op(0x36, ...this.mem(2, offset)); }
  f32Load(offset = 0): this { return this.op(0x2a, ...this.mem(2, offset)); }
  f32Ne(): this { return this.op(0x5c); }
  f32Add(): this { return this.op(0x92); }
  f32Sub(): this { return this.op(0x93); }
  f32Mul(): this { return this.op(0x94); }
  f32Div(): this { return this.op(0x95); }
  f32Sqrt(): this { return this.op(0x91); }
  f32Store(offset = 0): this { return this.op(0x38, ...this.mem(2, offset)); }
  f32(value: number): this {
    const b = new Uint8Array(new Float32Array([value]).buffer);
    return this.op(0x43, ...b);
  }

  // Alignment hint 0: tensors are only 4-byte aligned, and the hint never changes results.
  v128Load(offset = 0): this { return this.simd(0x00, ...this.mem(0, offset)); }
  v128Store(offset = 0): this { return this.simd(0x0b, ...this.mem(0, offset)); }
  v128Load32Splat(offset = 0): this { return this.simd(0x09, ...this.mem(2, offset)); }
  v128Load64Zero(offset = 0): this { return this.simd(0x5d, ...this.mem(0, offset)); }
  v128Store64Lane(offset: number, lane: number): this { return this.simd(0x5b, ...this.mem(0, offset), lane); }
  v128Zero(): this { return this.simd(0x0c, ...new Array<number>(16).fill(0)); }
  /** i8x16.shuffle taking 4-byte lanes: indices 0–3 pick from the first operand, 4–7 the second. */
  shuffle32(l0: number, l1: number, l2: number, l3: number): this {
    const lanes = [l0, l1, l2, l3].flatMap((l) => [l * 4, l * 4 + 1, l * 4 + 2, l * 4 + 3]);
    return this.simd(0x0d, ...lanes);
  }
  f32x4Splat(): this { return this.simd(0x13); }
  f32x4Ne(): this { return this.simd(0x42); }
  f32x4Gt(): this { return this.simd(0x44); }
  f32x4Ge(): this { return this.simd(0x46); }
  v128And(): this { return this.simd(0x4e); }
  f32x4Nearest(): this { return this.simd(0x6a); }
  f32x4Abs(): this { return this.simd(0xe0); }
  f32x4Neg(): this { return this.simd(0xe1); }
  f32x4Sub(): this { return this.simd(0xe5); }
  f32x4Max(): this { return this.simd(0xe9); }
  v128Bitselect(): this { return this.simd(0x52); }
  i32x4Splat(): this { return this.simd(0x11); }
  i32x4Add(): this { return this.simd(0xae); }
  i32x4Shl(): this { return this.simd(0xab); }
  i32x4TruncSatF32x4S(): this { return this.simd(0xf8); }
  v128AnyTrue(): this { return this.simd(0x53); }
  i32x4Sub(): this { return this.simd(0xb1); }
  f32x4ExtractLane(lane: number): this { return this.simd(0x1f, lane); }
  f32x4Add(): this { return this.simd(0xe4); }
  f32x4Mul(): this { return this.simd(0xe6); }
  f32x4Div(): this { return this.simd(0xe7); }
  f32x4Sqrt(): this { return this.simd(0xe3); }
  /** Relaxed SIMD a·b + c, fused where the hardware has FMA (operands: a, b, c). */
  f32x4RelaxedMadd(): this { return this.simd(0x105); }
}

export interface FuncDef {
  name: string;
  params: ValType[];
  /** Declared locals after the parameters, in order. */
  locals: ValType[];
  body: Code;
}

export interface MemoryImport {
  /** Pages the importing module asks for at least. */
  minPages: number;
  /** A shared memory must be imported as shared, with a maximum. */
  shared: boolean;
}

/** Assembles a module importing env.memory and exporting every function by its name. */
export function assembleModule(memory: MemoryImport, funcs: FuncDef[]): Uint8Array<ArrayBuffer> {
  // One type per function keeps the writer simple; the engine deduplicates signatures itself.
  const types = section(1, vec(funcs.map((f) => [0x60, ...vec(f.params.map((p) => [p])), 0x00])));
  const limits = memory.shared ? [0x03, ...uleb(memory.minPages), ...uleb(65536)] : [0x00, ...uleb(memory.minPages)];
  const imports = section(2, vec([[...name('env'), ...name('memory'), 0x02, ...limits]]));
  const functions = section(3, vec(funcs.map((_, i) => uleb(i))));
  const exports = section(7, vec(funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i)])));
  const bodies = funcs.map((f) => {
    const groups = f.locals.map((t) => [1, t]);
    const body = [...vec(groups), ...f.body.bytes, 0x0b];
    return [...uleb(body.length), ...body];
  });
  const code = section(10, vec(bodies));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...functions, ...exports, ...code]);
}
