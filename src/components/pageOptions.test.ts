import { describe, expect, it } from 'vitest';
import { defaultPageOptions, hiddenPanels, pageOptionsFromParams, pageOptionsToParams, unknownParams } from './pageOptions';

const read = (query: string) => pageOptionsFromParams(new URLSearchParams(query));

describe('pageOptionsFromParams', () => {
  it('defaults to the normal page in English', () => {
    expect(read('')).toEqual({ options: defaultPageOptions(), notes: [] });
  });
  it('reads the map colouring, and refuses a name that is not a choice', () => {
    expect(read('colour=positionX').options.colour).toBe('posX');
    const bad = read('colour=rainbow');
    expect(bad.options.colour).toBe('label');
    expect(bad.notes).toEqual(['Colour by: "rainbow" is not one of label, shape, scale, orientation, positionX, positionY; colouring by label.']);
    expect(pageOptionsToParams(read('colour=posy').options).get('colour')).toBe('positionY');
  });
  it('reads presentation mode, hidden names, panels asked back and the language', () => {
    const { options, notes } = read('present=1&hide=beta,likelihood&show=recon&lang=ja');
    expect(options.present).toBe(true);
    expect([...options.hide].sort()).toEqual(['beta', 'likelihood']);
    expect([...options.show]).toEqual(['recon']);
    expect(options.lang).toBe('ja');
    expect(notes).toEqual([]);
  });
  it('notes bad values and keeps the defaults', () => {
    const { options, notes } = read('present=banana&show=<b>x</b>&lang=xx');
    expect(options).toEqual(defaultPageOptions());
    expect(notes).toEqual([
      'Presentation: "banana" is not on/off; presentation mode stays off.',
      'Show: "<b>x</b>" is not a panel (hyper, recon); ignored.',
      'Language: "xx" is not one of en, ja; using en.',
    ]);
  });
  it('notes names that are not settings, a few at a time', () => {
    const { notes } = read('foo=1&z=3&a=1&b=1&c=1&d=1&e=1');
    expect(notes[0]).toBe('"foo" is not a setting; ignored.');
    expect(notes).toHaveLength(6);
    expect(notes[5]).toBe('1 more unknown names ignored.');
    expect(unknownParams(new URLSearchParams('z=3&beta=2&backend=wasm&hide=x&present=1&show=hyper&lang=en&seed=4'))).toEqual([]);
  });
});

describe('pageOptionsToParams', () => {
  it('writes only what differs from the defaults and round-trips', () => {
    expect(pageOptionsToParams(defaultPageOptions()).toString()).toBe('');
    const { options } = read('present=true&hide=LR,recon,foo&lang=ja');
    const params = pageOptionsToParams(options, new URLSearchParams('z=3&present=1&show=x'));
    expect(params.get('z')).toBe('3');
    expect(params.get('present')).toBe('1');
    expect(params.get('hide')).toBe('lr,recon');
    expect(params.has('show')).toBe(false);
    expect(read(params.toString()).options).toEqual(options);
  });
});

describe('hiddenPanels', () => {
  it('presentation mode hides the knobs and reconstructions unless shown', () => {
    const base = defaultPageOptions();
    expect([...hiddenPanels(base)]).toEqual([]);
    expect([...hiddenPanels({ ...base, present: true })].sort()).toEqual(['hyper', 'recon']);
    expect([...hiddenPanels({ ...base, present: true, show: new Set(['recon'] as const) })]).toEqual(['hyper']);
  });
  it('adds panels the link hides', () => {
    expect([...hiddenPanels(read('hide=curves,beta').options)]).toEqual(['curves']);
    // Every control of the panel, the objective and its capacity settings included.
    expect([...hiddenPanels(read('hide=z,arch,hidden,lr,fast,beta,lik,sigma,batch,L,reparam,objective,gamma,cmax,ramp').options)]).toEqual(['hyper']);
    expect([...hiddenPanels(read('hide=z,hidden,lr,fast,beta,lik,sigma,batch,L,reparam').options)]).toEqual([]);
  });
});

describe('start', () => {
  it('start=fresh asks for new weights and stays in the link; anything else is the usual start, noted when unknown', () => {
    const fresh = pageOptionsFromParams(new URLSearchParams('start=fresh'));
    expect(fresh.options.fresh).toBe(true);
    expect(fresh.notes).toEqual([]);
    expect(pageOptionsToParams(fresh.options).get('start')).toBe('fresh');
    expect(pageOptionsFromParams(new URLSearchParams('start=pretrained')).options.fresh).toBe(false);
    expect(pageOptionsFromParams(new URLSearchParams('')).options.fresh).toBe(false);
    const odd = pageOptionsFromParams(new URLSearchParams('start=<b>x</b>'));
    expect(odd.options.fresh).toBe(false);
    expect(odd.notes.join(' ')).toMatch(/Start: .* is not fresh or pretrained/);
    expect(pageOptionsToParams(odd.options).has('start')).toBe(false);
  });
});
