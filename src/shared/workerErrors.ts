// Turning whatever a stage threw into an `error` message a person can read. Pure.

import type { ErrorCode } from './protocol';

/** An error that already knows its code and how to say it. */
export class WorkerError extends Error {
  readonly code: ErrorCode;
  readonly recoverable: boolean;
  constructor(code: ErrorCode, message: string, recoverable: boolean) {
    super(message);
    this.name = 'WorkerError';
    this.code = code;
    this.recoverable = recoverable;
  }
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

// What WASM (emscripten), WebGL and the JS engine say when memory runs out.
const OUT_OF_MEMORY =
  /out of memory|\boom\b|allocation failed|could not allocate|cannot enlarge memory|invalid typed array length|array buffer allocation|greater than webgl maximum|unable to create webgltexture/i;

export function looksLikeOutOfMemory(err: unknown): boolean {
  return (err instanceof RangeError && /alloc|length|memory/i.test(err.message)) || OUT_OF_MEMORY.test(errorText(err));
}

export interface ClassifiedError {
  code: ErrorCode;
  message: string;
  recoverable: boolean;
}

/**
 * The code and text for an error thrown while `doing` something (e.g. "training"). Memory
 * exhaustion gets its own advice; anything unexpected says what was being done.
 */
export function classifyError(err: unknown, doing: string, fallback: ErrorCode = 'internal'): ClassifiedError {
  if (err instanceof WorkerError) return { code: err.code, message: err.message, recoverable: err.recoverable };
  if (looksLikeOutOfMemory(err)) {
    return {
      code: 'oom',
      message: `Ran out of memory while ${doing} (${errorText(err)}). Training is paused; a smaller batch size, smaller hidden layers or the WASM backend need less.`,
      recoverable: true,
    };
  }
  return { code: fallback, message: `Something went wrong while ${doing}: ${errorText(err)}`, recoverable: true };
}
