// 比較（任意の 2 モデル）の日本語：モデル B の設定、各モデルの呼び名（種類と異なる設定）、
// 潜在空間の次元が違うときの説明。キーは enCompare.ts と同じです。

export const jaCompare = {
  'cmp.modelB': 'モデル B',
  'cmp.modelBEdit': 'モデル B の設定',
  'cmp.modelBHint': 'モデル B は、パネルのモデル（モデル A）とこれらの設定だけが異なり、残りは共通です。種類・潜在次元数・隠れ層を変えるとモデル B は新しい重みになります。モデル A の重みはそのままです。',
  'cmp.modelBConfirm': '{what}を変えるとモデル B は新しい重みになります（学習した {n} ステップは失われます）。モデル A はそのままです。続けますか？',
  'cmp.modelBSameAsA': 'モデル A と同じ',
  'cmp.modelBDefault': 'VAE と AE（標準の組）',
  'cmp.pairHint': 'どちらかの図で {glyph} をドラッグすると、同じ z が両方のデコーダに入ります。',
  'cmp.ownPoints': 'モデル A の潜在次元は {a}、モデル B は {b} です。同じ z は使えないので、図ごとに別の点を動かします。',
  'cmp.cloudTitle': '{model}：画像ひとつが小さな雲になる',
  'cmp.pointTitle': '{model}：画像ひとつが 1 点になる',
  'cmp.latentDims': 'z {n} 次元',
  'cmp.trickOn': 'トリックあり',
  'cmp.trickOff': 'トリックなし',
  'loss.modelRecon': '{model} の再構成誤差',
  'loss.modelKl': '{model} の KL',
  'loss.bKl': 'モデル B の KL',
} as const;
