// 分離表現（日本語）：容量の目的関数の線、次元ごとの KL、MIG と相互情報量の表、要因による色分け、走査の見出し。
import type { enDisentangle } from './enDisentangle';

export const jaDisentangle: Readonly<Record<keyof typeof enDisentangle, string>> = {
  'hyper.betaOnly': 'β-VAE の目的関数のときだけ使います。',
  'loss.capacity': '容量 C',
};
