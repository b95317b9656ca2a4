// Class names in the page's language. The manifest's names are English; digits need no
// translation, Fashion-MNIST's garments and Shapes' shapes do (matched by the English name, so a
// reordered manifest cannot mislabel them).
import type { Lang } from './lang';

const JA_FASHION: Readonly<Record<string, string>> = {
  'T-shirt/top': 'Tシャツ/トップス',
  Trouser: 'ズボン',
  Pullover: 'プルオーバー',
  Dress: 'ドレス',
  Coat: 'コート',
  Sandal: 'サンダル',
  Shirt: 'シャツ',
  Sneaker: 'スニーカー',
  Bag: 'バッグ',
  'Ankle boot': 'アンクルブーツ',
  // Shapes (src/data/shapes SHAPE_NAMES)
  square: '正方形',
  ellipse: '楕円',
  heart: 'ハート',
};

export function localClassNames(lang: Lang, names: readonly string[]): string[] {
  return lang === 'ja' ? names.map((n) => JA_FASHION[n] ?? n) : [...names];
}
