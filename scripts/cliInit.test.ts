import { describe, expect, it } from 'vitest';
import { parseTrainArgs } from './cliArgs';
import { parseEvaluateArgs } from './evaluate';
import { parseExportArgs } from './export';

describe('--init, export and evaluate arguments', () => {
  it('takes --init FILE and leaves the architecture to the file', () => {
    const p = parseTrainArgs(['--init', 'runs/torch/vae.json', '--lr', '0.0005']);
    expect(p.kind === 'train' && p.args.init).toBe('runs/torch/vae.json');
    const plain = parseTrainArgs([]);
    expect(plain.kind === 'train' && plain.args.init).toBeNull();
  });

  it('refuses architecture or dataset flags beside --init', () => {
    const p = parseTrainArgs(['--init', 'm.vaeckpt', '--latent', '8', '--dataset', 'fashion']);
    expect(p).toEqual({ kind: 'error', message: '--init takes the architecture and dataset from its file; drop --dataset, --latent' });
  });

  it('parses export and evaluate flags, refusing what is missing or malformed', () => {
    expect(parseExportArgs(['--checkpoint', 'a.vaeckpt', '--out=dir'])).toEqual({ checkpoint: 'a.vaeckpt', out: 'dir' });
    expect(parseExportArgs(['--checkpoint', 'a.vaeckpt'])).toEqual({ error: 'both --checkpoint and --out are required' });
    expect(parseEvaluateArgs(['runs/x', '--limit', '500'])).toEqual({ paths: ['runs/x'], limit: 500, data: 'public/datasets' });
    expect(parseEvaluateArgs(['runs/x', '--limit', '-3'])).toEqual({ error: '--limit must be a positive integer, got "-3"' });
    expect(parseEvaluateArgs([])).toEqual({ error: 'name the model to evaluate' });
  });
});
