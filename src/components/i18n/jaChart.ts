// 損失グラフのイベント目印・軸の見出し・ガウス尤度の定数項の表示（日本語）。
import type { enChart } from './enChart';

export const jaChart: Readonly<Record<keyof typeof enChart, string>> = {
  'chart.xTitle': '学習ステップ',
  'chart.event.beta': 'β = {v}',
  'chart.event.sigmaX': 'σ = {v}',
  'chart.event.gaussian': 'ガウス尤度',
  'chart.event.bernoulli': 'ベルヌーイ尤度',
  'chart.event.trickOn': 'トリック オン',
  'chart.event.trickOff': 'トリック オフ',
  'chart.event.learningRate': '学習率 {v}',
  'chart.event.samples': 'L = {v}',
  'chart.event.batchSize': 'バッチ {v}',
  'chart.event.reset': 'リセット',
  'chart.dropConstant': '定数項を除く',
  'chart.dropConstantTitle': 'ガウス尤度の定数項 (D/2)·log 2πσ² を引きます。σ を変えると、この項だけで曲線全体が動きます',
  'chart.withConstant': '定数項 (D/2)·log 2πσ² = {c} nats（σ = {sigma}）を含む',
  'chart.withoutConstant': '定数項 (D/2)·log 2πσ² を除く：再構成誤差 = ‖x − x̂‖²/(2σ²)',
};
