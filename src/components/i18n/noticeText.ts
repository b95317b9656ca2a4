// Notices arrive as English sentences: the workers write them (their text is part of the
// protocol and of the tests) and so does reading the link (hyperSchema.ts, pageOptions.ts).
// This turns the common ones into Japanese at the moment they are shown. Each rule matches a
// whole sentence exactly; anything it does not recognise is shown in English as it came,
// because a half-translated sentence would read worse than an English one.
import { SCHEMA, type SettingKey } from '../hyperSchema';
import type { Lang } from '../settingsLink';
import { settingLabel } from './settingText';

type Rule = readonly [RegExp, (m: RegExpMatchArray) => string | null];

const TRAIN = '続けるには「学習」を押してください。';
const NEXT: Readonly<Record<string, string>> = {
  'training goes on': '学習はそのまま続きます。',
  'press Train to go on': TRAIN,
};
const NO_SNAPSHOT = /^new weights \(no snapshot had been taken yet\)$/;

/** "step 120, the last snapshot" → "ステップ 120 のスナップショット"; null if not one of the worker's phrasings. */
function fromText(from: string): string | null {
  // A restart in Compare says where Model B came back from too (trainerSupervisor.ts).
  const pair = /^(.+), with Model B from (?:its step (\d[\d,]*)|(new weights))$/s.exec(from);
  if (pair) {
    const a = fromText(pair[1] as string);
    return a && `${a}から、モデル B は${pair[3] ? '新しい重み' : `ステップ ${pair[2]} の重み`}`;
  }
  if (NO_SNAPSHOT.test(from)) return 'まだスナップショットがなかったため、新しい重み';
  const m = /^step (\d[\d,]*), the (?:last|latest) snapshot$/.exec(from);
  return m ? `最後のスナップショット（ステップ ${m[1]}）` : null;
}

/** Why the training worker was replaced, as the end of a Japanese sentence ("…しました"). */
function whyText(why: string): string | null {
  const error = /^stopped with an error \((.*)\)$/s.exec(why);
  if (error) return `エラーで止まりました（${error[1]}）`;
  const silent = /^stopped answering for more than (\d+) s$/.exec(why);
  return silent ? `${silent[1]} 秒以上応答しなくなりました` : null;
}

const DOING: Readonly<Record<string, string>> = {
  'starting up': '起動',
  'creating new weights': '新しい重みの作成',
  'changing hyperparameters': 'ハイパーパラメータの変更',
  'switching backends': 'バックエンドの切り替え',
  'evaluating on the test set': 'テストデータでの評価',
  'saving a checkpoint': 'チェックポイントの保存',
  'loading a checkpoint': 'チェックポイントの読み込み',
  'switching to your images': 'あなたの画像への切り替え',
  'recovering from a lost WebGL context': '失われた WebGL コンテキストからの復旧',
};

function doingText(doing: string): string | null {
  const batch = /^training with batch size (\d+|\?)$/.exec(doing);
  return batch ? `バッチサイズ ${batch[1]} での学習` : (DOING[doing] ?? null);
}

/** A setting's English label (as the link notes write it) → its Japanese label. */
function labelText(label: string): string | null {
  const key = (Object.keys(SCHEMA) as SettingKey[]).find((k) => SCHEMA[k].label === label);
  return key ? settingLabel('ja', key) : null;
}

const KEPT: Readonly<Record<string, string>> = { on: 'オン', off: 'オフ' };
const REFUSED: Readonly<Record<string, string>> = {
  'is not a number': '数値ではない',
  'is not one of the choices': '選択肢にない',
  'is not on/off': 'オン／オフではない',
};

const RULES: readonly Rule[] = [
  [
    /^The loss became NaN at step (\d[\d,]*); training paused and (.+)\. Try a smaller learning rate\.$/s,
    (m) => {
      const restored = /^the weights were restored from step (\d[\d,]*), the last good snapshot$/.exec(m[2]);
      const kept = restored
        ? `最後の正常なスナップショット（ステップ ${restored[1]}）の重みに戻しました`
        : m[2] === 'the weights from before that step were kept' ? 'そのステップより前の重みをそのまま残しています' : null;
      return kept && `ステップ ${m[1]} で損失が NaN（数ではない値）になりました。学習を止め、${kept}。学習率を小さくしてみてください。`;
    },
  ],
  [
    /^The WebGL context was lost\. The model moved to (\w+) and continues from (.+); (training goes on|press Train to go on)\.$/s,
    (m) => {
      const from = fromText(m[2]);
      return from && `WebGL のコンテキストが失われました。モデルを ${m[1]} に移し、${from}から続けます。${NEXT[m[3]]}`;
    },
  ],
  [
    /^The training worker (.+) again, after (\d+) restarts within a few minutes, so it is left stopped\. Reload the page to start over\.$/s,
    (m) => {
      const why = whyText(m[1]);
      return why && `学習用ワーカーがまた${why}。数分のうちに ${m[2]} 回立ち上げ直したため、止めたままにしています。最初からやり直すには、ページを再読み込みしてください。`;
    },
  ],
  [
    /^The training worker (.+)\. A new worker took over from (.+); (training goes on|press Train to go on)\.$/s,
    (m) => {
      const why = whyText(m[1]);
      const from = fromText(m[2]);
      return why && from && `学習用ワーカーが${why}。新しいワーカーが${from}から引き継ぎました。${NEXT[m[3]]}`;
    },
  ],
  [
    /^The training worker (.+), and the new one could not take over the model: (.*)$/s,
    (m) => {
      const why = whyText(m[1]);
      return why && `学習用ワーカーが${why}が、新しいワーカーはモデルを引き継げませんでした：${m[2]}`;
    },
  ],
  [
    /^Ran out of memory while (.+?) \((.*)\)\. Training is paused; a smaller batch size, smaller hidden layers or the WASM backend need less\.$/s,
    (m) => {
      const doing = doingText(m[1]);
      return doing && `${doing}中にメモリが足りなくなりました（${m[2]}）。学習を止めています。バッチサイズや隠れ層を小さくするか、WASM バックエンドに切り替えると、使うメモリが減ります。`;
    },
  ],
  [/^Training paused while the tab was hidden\. Press Train to go on\.$/, () => `タブが裏に回っている間、学習を一時停止しました。${TRAIN}`],
  [
    /^([^:"]+): (\S+) is outside (\S+)–(\S+) or off its step; using (\S+)\.$/,
    (m) => {
      const label = labelText(m[1]);
      return label && `${label}「${m[2]}」は ${m[3]}〜${m[4]} の範囲外か、刻みに合わないため、${m[5]} にしました。`;
    },
  ],
  [
    /^([^:"]+): (\S+) is not offered; using (.+)\.$/,
    (m) => {
      const label = labelText(m[1]);
      return label && `${label}「${m[2]}」は選べる値にないため、いちばん近い ${m[3]} にしました。`;
    },
  ],
  [
    /^([^:"]+): "(.*)" (is not a number|is not one of the choices|is not on\/off); kept (.+)\.$/s,
    (m) => {
      const label = labelText(m[1]);
      return label && `${label}「${m[2]}」は${REFUSED[m[3]]}ため、${KEPT[m[4]] ?? m[4]} のままにしました。`;
    },
  ],
  [/^"(.*)" is not a setting; ignored\.$/s, (m) => `「${m[1]}」という設定はないため、無視しました。`],
  [/^(\d+) more unknown names ignored\.$/, (m) => `ほかにも不明な名前が ${m[1]} 個あったため、無視しました。`],
  [/^Colour by: "(.*)" is not one of (.+); colouring by label\.$/s, (m) => `色分け「${m[1]}」は選択肢（${m[2]}）にないため、ラベルで色分けします。`],
  // Compare's start (compareFlow.ts).
  [
    /^The shipped models for Compare could not be loaded \((.*)\); both start from new weights\.$/s,
    (m) => `Compare 用の学習済みモデルを読み込めませんでした（${m[1]}）。両方とも新しい重みから始めます。`,
  ],
  [/^The shipped AE could not be loaded \((.*)\)\.$/s, (m) => `学習済みの AE を読み込めませんでした（${m[1]}）。`],
  [
    /^Compare shows both models at one step, and there is no shipped AE at step (\d[\d,]*): the loaded model is shown alone\.$/,
    (m) => `Compare は 2 つのモデルを同じステップで並べますが、ステップ ${m[1]} の学習済み AE はないため、読み込んだモデルだけを表示します。`,
  ],
  // Compare's Model B (modelBLink.ts): the same notes, about B's b.* values.
  [/^Model B: (.+)$/s, (m) => `モデル B：${noticeText(m[1], 'ja')}`],
];

/** The notice in the page's language: Japanese for the sentences above, otherwise as it came. */
export function noticeText(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [pattern, render] of RULES) {
    const m = pattern.exec(message);
    if (!m) continue;
    const text = render(m);
    if (text) return text;
  }
  return message;
}
