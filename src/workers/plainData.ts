// What may cross a thread boundary in our protocol: plain data only. structuredClone would
// quietly turn a class instance (a tensor, an Error) into a bare object and throws on a
// function; this names the offending path instead.

const TYPED = [Float32Array, Float64Array, Int32Array, Uint8Array, Uint8ClampedArray, Uint16Array, Int16Array, Uint32Array];

/** Paths of values that are not plain data (primitives, plain objects, arrays, typed arrays, ArrayBuffers). */
export function nonPlainPaths(value: unknown, path = 'msg'): string[] {
  if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value)) return [];
  if (typeof value !== 'object') return [`${path} (${typeof value})`];
  if (value instanceof ArrayBuffer || TYPED.some((T) => value instanceof T)) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonPlainPaths(v, `${path}[${i}]`));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'unknown';
    return [`${path} (an instance of ${name})`];
  }
  return Object.entries(value).flatMap(([k, v]) => nonPlainPaths(v, `${path}.${k}`));
}
