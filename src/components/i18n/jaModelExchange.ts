// 「保存 / 読み込み」のモデル交換（ModelExchange.tsx）の日本語。キーは enModelExchange.ts と同じです。
import type { ModelExchangeKey } from './enModelExchange';

export const jaModelExchange: Readonly<Record<ModelExchangeKey, string>> = {
  'exchange.heading': 'PyTorch・Keras',
  'exchange.open': 'モデルを開く…',
  'exchange.openFolder': 'フォルダーを開く…',
  'exchange.openFolderAria': 'モデルのフォルダーを開く',
  'exchange.hint': '.vaeckpt、model.safetensors と vae.json、または TF.js の model.json と重みファイル。複数のファイル、フォルダー、.zip を選べます。',
  'exchange.export': 'PyTorch 用に書き出す',
  'exchange.exportTitle': 'model.safetensors、vae.json、load_vae.py をまとめた .zip',
  'exchange.exported': '{file}（{size}）を書き出しました：model.safetensors、vae.json、load_vae.py。',
  'exchange.exportFailed': 'PyTorch 用に書き出せませんでした：{message}',
  'exchange.refused': '{source}を開けませんでした：{message} 今のモデルはそのままです。',
  'exchange.tooLarge': '{source}を開けませんでした：合計 {size} で、上限の {max} を超えています。今のモデルはそのままです。',
  'exchange.readFailed': '{source}を読み出せませんでした：{message}。今のモデルはそのままです。',
  'exchange.files': '{n} 個のファイル',
  'exchange.origin.pytorch': 'PyTorch から読み込み、ステップ {step}',
  'exchange.origin.keras': 'Keras（TF.js LayersModel）から読み込み、ステップ {step}',
  'exchange.origin.playground': 'VAE Playground の書き出しから読み込み、ステップ {step}',
  'exchange.withOrigin': '{source}（{origin}）',
} as const;
