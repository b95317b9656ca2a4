import { describe, expect, it } from 'vitest';
import { CSV_HEADER, curvesCsv, describeRun, exportFileName, megabytes } from './exportPanels';

describe('curvesCsv', () => {
  it('writes one row per train step, then the test points', () => {
    const csv = curvesCsv({
      steps: [1, 2],
      elbo: [-540.5, -300.25],
      recon: [539, 290],
      kl: [1.5, 10.25],
      objective: [540.5, 300.25],
      test: [
        { step: 2, elbo: -310, recon: 300, kl: 10, objective: 310, full: false },
        { step: 2, elbo: -305, recon: 296, kl: 9, objective: 305, full: true },
      ],
    });
    expect(csv.split('\n')).toEqual([
      CSV_HEADER,
      '1,540.5,539,1.5,540.5,train',
      '2,300.25,290,10.25,300.25,train',
      '2,310,300,10,310,test',
      '2,305,296,9,305,test-full',
      '',
    ]);
  });
  it('names the −ELBO column for its sign: neg_elbo, positive, recon + kl', () => {
    expect(CSV_HEADER).toBe('step,neg_elbo,recon,kl,objective,split');
    const [, row] = curvesCsv({ steps: [7], elbo: [-150.5], recon: [140], kl: [10.5], objective: [150.5], test: [] }).split('\n');
    const [, negElbo, recon, kl] = row.split(',').map(Number);
    expect(negElbo).toBe(150.5);
    expect(negElbo).toBeCloseTo(recon + kl, 9);
    expect(curvesCsv({ steps: [1], elbo: [0], recon: [0], kl: [0], objective: [0], test: [] })).toBe(`${CSV_HEADER}\n1,0,0,0,0,train\n`);
  });
  it('leaves non-finite values empty, and writes only the header for no curves', () => {
    const csv = curvesCsv({ steps: [5], elbo: [NaN], recon: [Infinity], kl: [0], objective: [1e-7], test: [] });
    expect(csv).toBe(`${CSV_HEADER}\n5,,,0,1e-7,train\n`);
    expect(curvesCsv({ steps: [], elbo: [], recon: [], kl: [], objective: [], test: [] })).toBe(`${CSV_HEADER}\n`);
  });
});

describe('exportFileName', () => {
  it('names dataset, model, latent size and step, with safe characters only', () => {
    expect(exportFileName({ dataset: 'mnist', kind: 'vae', latentDim: 2, step: 1200 }, 'curves', 'csv')).toBe(
      'vae-playground_mnist_vae_z2_step1200_curves.csv',
    );
    expect(exportFileName({ dataset: '../x y', kind: 'ae', latentDim: 8, step: 0 }, 'latent map', 'png')).toBe(
      'vae-playground_-x-y_ae_z8_step0_latent-map.png',
    );
  });
});

describe('describeRun', () => {
  it('says dataset, model, latent size and step in words', () => {
    expect(describeRun({ dataset: 'mnist', kind: 'vae', latentDim: 2, step: 12345 }, 'MNIST')).toBe('MNIST · VAE · z 2 · step 12,345');
    expect(describeRun({ dataset: 'mnist', kind: 'ae', latentDim: 2, step: 40 }, 'MNIST', 'ステップ')).toBe('MNIST · AE · z 2 · ステップ 40');
    expect(describeRun({ dataset: 'fashion', kind: 'ae', latentDim: 8, step: 0 })).toBe('fashion · AE · z 8 · step 0');
    expect(megabytes(64 * 1024 * 1024)).toBe('64.0 MB');
  });
});
