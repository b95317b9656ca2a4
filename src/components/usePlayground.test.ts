import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { initialState } from '../client/clientState';
import type { PlaygroundClient } from '../client/clientTypes';
import { emptyHistory } from '../client/metricsStore';
import { defaultSettings, settingsToConfig } from './hyperSchema';
import { SweepFlow } from '../client/sweepFlow';
import { PlaygroundProvider, useClientState, usePlaygroundClient } from './usePlayground';

function fakeClient(): PlaygroundClient {
  const state = { ...initialState(settingsToConfig(defaultSettings()), 'auto'), step: 1234 };
  const fail = () => Promise.reject(new Error('not in this test'));
  return {
    getState: () => state,
    sweeps: new SweepFlow(null as never),
    getMetrics: () => emptyHistory(),
    getLatent: () => null,
    getRecon: () => null,
    getDisentanglement: () => null,
    measureDisentanglement: () => {},
    subscribe: () => () => {},
    play: () => {},
    pause: () => {},
    step: () => {},
    reset: () => {},
    setHyper: () => {},
    setBackend: () => {},
    dismissNotice: () => {},
    decode: fail,
    encode: fail,
    decodeNow: () => null,
    getTestSet: fail,
    save: fail,
    load: fail,
    listPretrained: fail,
    loadPretrained: fail,
    useImages: fail,
    evaluate: fail,
    setView: fail,
    stepOf: () => 0,
    getMetricsOf: () => emptyHistory(),
    getLatentOf: () => null,
    weightsStepOf: () => -1,
    setModelB: fail,
    dispose: () => {},
  };
}

function Step() {
  return createElement('span', null, `step ${useClientState().step}`);
}

describe('usePlayground', () => {
  it('gives components the client state through the provider', () => {
    const html = renderToString(createElement(PlaygroundProvider, { client: fakeClient(), children: createElement(Step) }));
    expect(html).toBe('<span>step 1234</span>');
  });

  it('says plainly when a component is used outside the provider', () => {
    const Lost = () => {
      usePlaygroundClient();
      return null;
    };
    expect(() => renderToString(createElement(Lost))).toThrow(/no <PlaygroundProvider>/);
  });
});
