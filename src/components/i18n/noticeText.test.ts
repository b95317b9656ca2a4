import { describe, expect, it } from 'vitest';
import { settingsFromParams } from '../settingsLink';
import { pageOptionsFromParams } from '../pageOptions';
import { classifyError } from '../../shared/workerErrors';
import { noticeText } from './noticeText';
import { settingLabel } from './settingText';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const ja = (m: string) => noticeText(m, 'ja');

describe('noticeText', () => {
  it('leaves English alone', () => {
    const m = 'The loss became NaN at step 9; training paused and the weights from before that step were kept. Try a smaller learning rate.';
    expect(noticeText(m, 'en')).toBe(m);
  });

  it('translates both NaN notices, keeping the step numbers', () => {
    expect(ja('The loss became NaN at step 1,234; training paused and the weights from before that step were kept. Try a smaller learning rate.')).toBe(
      'ステップ 1,234 で損失が NaN（数ではない値）になりました。学習を止め、そのステップより前の重みをそのまま残しています。学習率を小さくしてみてください。',
    );
    const restored = ja('The loss became NaN at step 900; training paused and the weights were restored from step 800, the last good snapshot. Try a smaller learning rate.');
    expect(restored).toContain('ステップ 900 で損失が NaN');
    expect(restored).toContain('最後の正常なスナップショット（ステップ 800）の重みに戻しました');
  });

  it('translates the lost WebGL context, with and without a snapshot', () => {
    expect(ja('The WebGL context was lost. The model moved to wasm and continues from step 300, the last snapshot; training goes on.')).toBe(
      'WebGL のコンテキストが失われました。モデルを wasm に移し、最後のスナップショット（ステップ 300）から続けます。学習はそのまま続きます。',
    );
    const fresh = ja('The WebGL context was lost. The model moved to cpu and continues from new weights (no snapshot had been taken yet); press Train to go on.');
    expect(fresh).toContain('新しい重みから続けます');
    expect(fresh).toContain('「学習」を押してください');
  });

  it('translates a restart in Compare, saying where Model B came back from', () => {
    expect(ja('The training worker stopped with an error (boom). A new worker took over from step 5, the latest snapshot, with Model B from its step 4; training goes on.')).toBe(
      '学習用ワーカーがエラーで止まりました（boom）。新しいワーカーが最後のスナップショット（ステップ 5）から、モデル B はステップ 4 の重みから引き継ぎました。学習はそのまま続きます。',
    );
    expect(ja('The training worker stopped with an error (boom). A new worker took over from step 5, the latest snapshot, with Model B from new weights; training goes on.')).toContain('モデル B は新しい重みから引き継ぎました');
  });

  it('translates Compare’s notices about its shipped models', () => {
    expect(ja('The shipped models for Compare could not be loaded (HTTP 404); both start from new weights.')).toBe('Compare 用の学習済みモデルを読み込めませんでした（HTTP 404）。両方とも新しい重みから始めます。');
    expect(ja('The shipped AE could not be loaded (offline).')).toBe('学習済みの AE を読み込めませんでした（offline）。');
    expect(ja('Compare shows both models at one step, and there is no shipped AE at step 1,200: the loaded model is shown alone.')).toContain('ステップ 1,200 の学習済み AE はない');
  });

  it('translates the worker restarts', () => {
    const silent = ja('The training worker stopped answering for more than 20 s. A new worker took over from step 40, the latest snapshot; press Train to go on.');
    expect(silent).toBe('学習用ワーカーが20 秒以上応答しなくなりました。新しいワーカーが最後のスナップショット（ステップ 40）から引き継ぎました。続けるには「学習」を押してください。');
    const crashed = ja('The training worker stopped with an error (boom (x)). A new worker took over from new weights (no snapshot had been taken yet); training goes on.');
    expect(crashed).toContain('エラーで止まりました（boom (x)）');
    const givenUp = ja('The training worker stopped with an error (oops) again, after 3 restarts within a few minutes, so it is left stopped. Reload the page to start over.');
    expect(givenUp).toContain('また');
    expect(givenUp).toContain('3 回');
    expect(givenUp).toContain('再読み込み');
    expect(ja('The training worker stopped answering for more than 20 s, and the new one could not take over the model: bad bytes')).toBe(
      '学習用ワーカーが20 秒以上応答しなくなりましたが、新しいワーカーはモデルを引き継げませんでした：bad bytes',
    );
  });

  it('translates running out of memory as the worker words it', () => {
    const { message } = classifyError(new Error('Failed to allocate buffer: out of memory'), 'training with batch size 512');
    const text = ja(message);
    expect(text).toMatch(/^バッチサイズ 512 での学習中にメモリが足りなくなりました（/);
    expect(text).toContain('WASM バックエンド');
  });

  it('translates the link notes that hyperSchema and pageOptions write', () => {
    const { notes } = settingsFromParams(new URLSearchParams('beta=99&lr=0.002&lik=poisson&bogus=1'));
    expect(notes.length).toBe(3);
    for (const note of notes) expect(ja(note), note).toMatch(JAPANESE);
    expect(ja(notes.find((n) => n.startsWith('Beta:'))!)).toMatch(new RegExp(`^${settingLabel('ja', 'beta')}「99」は .+ の範囲外`));
    expect(ja(notes.find((n) => n.startsWith('Learning rate:'))!)).toMatch(/いちばん近い \S+ にしました。$/);
    const page = pageOptionsFromParams(new URLSearchParams('bogus=1&other=2'));
    expect(page.notes.map(ja)).toEqual(['「bogus」という設定はないため、無視しました。', '「other」という設定はないため、無視しました。']);
  });

  it('falls back to the English text for anything it does not know, or only half knows', () => {
    for (const m of [
      'HTTP 404 for manifest.json',
      'The training worker exploded. A new worker took over from step 4, the latest snapshot; training goes on.',
      'Presentation: "maybe" is not on/off; presentation mode stays off.',
      'Colour: "red" is not a number; kept 3.',
    ]) {
      expect(ja(m)).toBe(m);
    }
  });
});
