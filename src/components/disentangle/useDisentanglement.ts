// The shown model's latest disentanglement snapshot, kept current from the client's topic.
import { useState } from 'react';
import type { DisentanglementSnapshot } from '../../client/clientTypes';
import { usePlaygroundClient, useTopic } from '../usePlayground';

export function useDisentanglement(): DisentanglementSnapshot | null {
  const client = usePlaygroundClient();
  const [snapshot, setSnapshot] = useState<DisentanglementSnapshot | null>(() => client.getDisentanglement());
  useTopic('disentanglement', () => setSnapshot(client.getDisentanglement()));
  return snapshot;
}
