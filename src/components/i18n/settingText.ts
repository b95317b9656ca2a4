// The hyperparameters' names and hints in the page's language. English is the schema itself
// (its labels are the controls' accessible names, a test contract); Japanese is keyed by the
// schema's setting names, so a new setting without a translation fails the parity test.
import { applicability, SCHEMA, type SettingKey, type Settings } from '../hyperSchema';
import type { Lang } from '../settingsLink';
import type { Translate } from './translate';

export interface SettingText {
  label: string;
  hint: string;
  /** Labels of choices whose English label is a word (numbers and sizes read the same). */
  options?: Readonly<Record<string, string>>;
}

export const JA_SETTINGS: Readonly<Record<SettingKey, SettingText>> = {
  dataset: { label: 'データセット', hint: '学習させる画像の種類です。', options: { shapes: '図形' } },
  arch: { label: 'アーキテクチャ', hint: '全結合層か、Keras の例と同じ畳み込み層かです。', options: { conv: '畳み込み' } },
  kind: { label: 'モデル', hint: 'VAE は z をサンプリングして KL を払い、AE は x を 1 点に写します。', options: { compare: '比較' } },
  latentDim: { label: '潜在次元数', hint: 'z の次元数です。2 次元なら全体を描けます。' },
  hidden: { label: '隠れ層', hint: 'エンコーダの幅です。デコーダはその逆順です。' },
  beta: { label: 'β（ベータ）', hint: 'KL の重みです。1 のとき本来の ELBO です。' },
  learningRate: { label: '学習率', hint: 'Adam の更新幅です。' },
  batchSize: { label: 'バッチサイズ', hint: '1 ステップで使う画像の枚数です（次のチャンクから）。' },
  likelihood: {
    label: '尤度',
    hint: 'p(x|z) が各画素をどう評価するかを決めます。',
    options: { bernoulli: 'ベルヌーイ', gaussian: 'ガウス' },
  },
  sigmaX: { label: 'デコーダの σ', hint: 'σₓ が小さいほど鮮明に、大きいほどぼやけます。' },
  samples: { label: 'サンプル数 L', hint: '画像 1 枚あたりの ε の抽出回数です（モンテカルロ）。' },
  warmStart: { label: '立ち上がりを速く', hint: '最初の300ステップは学習率を4倍にし、1,000ステップまでに元に戻します。' },
  reparam: { label: '再パラメータ化トリック', hint: 'オフにすると、再構成の勾配が θ に届きません。' },
  seed: { label: 'シード', hint: '初期の重みとバッチの順番を固定します。' },
  objective: { label: '目的関数', hint: 'β·KL か、KL を C 付近に保つか。', options: { capacity: '容量' } },
  gamma: { label: 'γ（ガンマ）', hint: 'KL を C にどれだけ強く引き寄せるかです。' },
  cMax: { label: '容量 C の上限', hint: 'C が最終的に達する KL（nats）です。' },
  rampSteps: { label: '容量を上げるステップ数', hint: 'C が 0 から上限まで上がるのにかけるステップ数です。' },
};

export function settingLabel(lang: Lang, key: SettingKey): string {
  return lang === 'ja' ? JA_SETTINGS[key].label : SCHEMA[key].label;
}

export function settingHint(lang: Lang, key: SettingKey): string {
  return lang === 'ja' ? JA_SETTINGS[key].hint : SCHEMA[key].hint;
}

/** A choice's label; `fallback` is the schema's (English, or a number that needs no translation). */
export function optionLabel(lang: Lang, key: SettingKey, value: string | number, fallback: string): string {
  if (lang !== 'ja') return fallback;
  return JA_SETTINGS[key].options?.[String(value)] ?? fallback;
}

/** Why a control does not apply now, in the page's language (the schema's applicability decides). */
export function reasonText(key: SettingKey, settings: Settings, t: Translate): string | undefined {
  if (applicability(key, settings).enabled) return undefined;
  const field = SCHEMA[key];
  if (field.vaeOnly && settings.kind === 'ae') return t('hyper.aeOnly');
  if (key === 'hidden' && settings.arch === 'conv') return t('hyper.mlpOnly');
  if (field.objective && field.objective !== settings.objective) return t(field.objective === 'capacity' ? 'hyper.capacityOnly' : 'hyper.betaOnly');
  return t(field.likelihood === 'gaussian' ? 'hyper.gaussianOnly' : 'hyper.bernoulliOnly');
}
