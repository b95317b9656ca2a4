import { describe, expect, it } from 'vitest';
import { lastJsonLine } from './nodeCli';

describe('lastJsonLine', () => {
  it('reads the last epoch line among other output', () => {
    const out = [
      '{"epoch":1,"imagesPerSec":500,"backend":"wasm"}',
      'not json',
      '{"epoch":2,"imagesPerSec":612,"msPerStep":209.1,"backend":"wasm","test":{"elbo":-190.2}}',
      '',
    ].join('\n');
    expect(lastJsonLine(out)).toMatchObject({ imagesPerSec: 612, msPerStep: 209.1, test: { elbo: -190.2 } });
  });

  it('skips a cut-off last line and returns null without any', () => {
    expect(lastJsonLine('{"imagesPerSec":1}\n{"imagesPer')).toEqual({ imagesPerSec: 1 });
    expect(lastJsonLine('nothing here\n')).toBeNull();
  });
});
