import { describe, expect, it } from 'vitest';
import { allPanelControlsHidden, hiddenControlsCss, panelSelector, hideListText, linkName, parseHideList, type HideTarget } from './hideControls';
import { defaultSettings, PANEL_KEYS } from './hyperSchema';

describe('parseHideList', () => {
  it('accepts link names, setting keys and labels in any case', () => {
    const { hidden, notes } = parseHideList('beta,likelihood,LR,latent dimensions,Decoder-Sigma,L');
    expect([...hidden].sort()).toEqual(['beta', 'latentDim', 'learningRate', 'likelihood', 'samples', 'sigmaX']);
    expect(notes).toEqual([]);
  });
  it('knows the panels and the backend menu', () => {
    const { hidden } = parseHideList('curves,recon,hyper,files,backend,loss');
    expect([...hidden].sort()).toEqual(['backend', 'curves', 'files', 'hyper', 'recon']);
  });
  it('notes unknown names, script text included, and ignores them', () => {
    const { hidden, notes } = parseHideList('beta,<script>alert(1)</script>,colour');
    expect([...hidden]).toEqual(['beta']);
    expect(notes).toEqual([
      'Hide: "<script>alert(1)</script>" is not a control or panel name; ignored.',
      'Hide: "colour" is not a control or panel name; ignored.',
    ]);
  });
  it('is empty for no list, and skips empty items', () => {
    expect(parseHideList(null)).toEqual({ hidden: new Set(), notes: [] });
    expect([...parseHideList(' , beta ,,').hidden]).toEqual(['beta']);
  });
  it('caps the number of names and cuts long ones in notes', () => {
    const { hidden, notes } = parseHideList(Array.from({ length: 40 }, () => 'beta').join(','));
    expect([...hidden]).toEqual(['beta']);
    expect(notes).toEqual(['Hide: only the first 32 names are used.']);
    const long = parseHideList('x'.repeat(500)).notes[0];
    expect(long.length).toBeLessThan(100);
  });
});

describe('hideListText', () => {
  it('writes canonical link names in schema order, panels last', () => {
    const { hidden } = parseHideList('recon,likelihood,beta,backend');
    expect(hideListText(hidden)).toBe('beta,lik,backend,recon');
    expect(parseHideList(hideListText(hidden)).hidden).toEqual(hidden);
  });
  it('links settings by their query name', () => {
    expect(linkName('learningRate')).toBe('lr');
    expect(linkName('curves')).toBe('curves');
  });
});

describe('hiddenControlsCss', () => {
  it('hides the panel child at each hidden key position', () => {
    const css = hiddenControlsCss(new Set<HideTarget>(['beta']), defaultSettings());
    expect(css).toContain('.hyper-grid > :nth-child(4)');
    expect(css).toMatch(/display: none !important/);
  });
  it('counts only applicable keys in the collapsed summary', () => {
    // With Bernoulli, Decoder sigma is not in the summary, so Batch size moves up one place.
    const settings = defaultSettings();
    const css = hiddenControlsCss(new Set<HideTarget>(['batchSize']), settings);
    // arch and hidden, likelihood and objective share cells, so Batch size is the 7th cell though the 9th key.
    expect(css).toContain('.hyper-grid > :nth-child(7)');
    // In the summary Objective (before it) is listed and Decoder sigma (Bernoulli) is not.
    expect(css).toContain(`.hyper-summary > :nth-child(${PANEL_KEYS.indexOf('batchSize')})`);
    const gaussian = hiddenControlsCss(new Set<HideTarget>(['batchSize']), { ...settings, likelihood: 'gaussian' });
    expect(gaussian).toContain(`.hyper-summary > :nth-child(${PANEL_KEYS.indexOf('batchSize') + 1})`);
  });
  it('is empty when nothing in the panel is hidden', () => {
    expect(hiddenControlsCss(new Set<HideTarget>(['dataset', 'curves']), defaultSettings())).toBe('');
  });
  it('knows when the whole panel is hidden', () => {
    expect(allPanelControlsHidden(new Set<HideTarget>(PANEL_KEYS))).toBe(true);
    expect(allPanelControlsHidden(new Set<HideTarget>(PANEL_KEYS.slice(1)))).toBe(false);
  });
});

describe('panelSelector', () => {
  it('finds each control in its grid cell, stacked controls inside their host cell', () => {
    // Cells: latentDim, arch (+ hidden), lr, beta 1–4; likelihood + objective share cell 5;
    // sigmaX, batchSize, samples 6–8; reparam + warmStart share cell 9; gamma, cMax, rampSteps 10–12.
    expect(panelSelector('latentDim')).toBe('.hyper-grid > :nth-child(1)');
    expect(panelSelector('beta')).toBe('.hyper-grid > :nth-child(4)');
    expect(panelSelector('likelihood')).toBe('.hyper-grid > :nth-child(5) > :nth-child(1)');
    expect(panelSelector('objective')).toBe('.hyper-grid > :nth-child(5) > :nth-child(2)');
    expect(panelSelector('sigmaX')).toBe('.hyper-grid > :nth-child(6)');
    expect(panelSelector('samples')).toBe('.hyper-grid > :nth-child(8)');
    expect(panelSelector('reparam')).toBe('.hyper-grid > :nth-child(9) > :nth-child(1)');
    expect(panelSelector('warmStart')).toBe('.hyper-grid > :nth-child(9) > :nth-child(2)');
    expect(panelSelector('gamma')).toBe('.hyper-grid > :nth-child(10)');
    expect(panelSelector('rampSteps')).toBe('.hyper-grid > :nth-child(12)');
  });
});
