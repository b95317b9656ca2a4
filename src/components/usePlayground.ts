// The one door from React to the workers: a context holding the client, the slow state
// through useSyncExternalStore, and change notifications for the streaming topics.

import { createContext, createElement, useCallback, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { ClientState, PlaygroundClient, Topic } from '../client/clientTypes';

const ClientContext = createContext<PlaygroundClient | null>(null);

export function PlaygroundProvider(props: { client: PlaygroundClient; children: ReactNode }): ReactNode {
  return createElement(ClientContext.Provider, { value: props.client }, props.children);
}

export function usePlaygroundClient(): PlaygroundClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('usePlaygroundClient: no <PlaygroundProvider> above this component');
  return client;
}

/** Re-renders when the client's state object changes (never for metrics or latent arrays). */
export function useClientState(): ClientState {
  const client = usePlaygroundClient();
  const subscribe = useCallback((onChange: () => void) => client.subscribe('state', onChange), [client]);
  const snapshot = useCallback(() => client.getState(), [client]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/**
 * Calls `onChange` after each change of `topic` without re-rendering. The latest callback is
 * used, so an inline arrow does not resubscribe on every render. Keep the callback light
 * (e.g. schedule a requestAnimationFrame): it runs inside the worker's message handler.
 */
export function useTopic(topic: Topic, onChange: () => void): void {
  const client = usePlaygroundClient();
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => client.subscribe(topic, () => latest.current()), [client, topic]);
}
