import { describe, expect, it } from 'vitest';
import { parseSoakArgs } from './args';

describe('parseSoakArgs', () => {
  it('defaults to 30 minutes on the automatic backend, building first', () => {
    expect(parseSoakArgs([])).toEqual({ kind: 'plan', plan: { minutes: 30, build: true, backend: 'auto', batch: 128 } });
  });

  it('reads every flag', () => {
    expect(parseSoakArgs(['--minutes', '5', '--no-build', '--backend', 'wasm', '--batch', '256'])).toEqual({
      kind: 'plan',
      plan: { minutes: 5, build: false, backend: 'wasm', batch: 256 },
    });
  });

  it.each([
    [['--minutes', '0']],
    [['--minutes', '2.5']],
    [['--minutes']],
    [['--backend', 'webgpu']],
    [['--batch', '100']],
    [['--fast']],
  ])('refuses %j', (argv) => {
    expect(parseSoakArgs(argv).kind).toBe('error');
  });

  it('answers --help', () => {
    expect(parseSoakArgs(['--help'])).toEqual({ kind: 'help' });
  });
});
