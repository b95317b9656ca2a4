// The Save / Load menu and the page's notices in Japanese: a link with lang=ja and a value out
// of range says so in Japanese, the menu reads in Japanese, saving in the browser and deleting
// the entry raise Japanese notices, and switching back to English restores the English names.
import { expect, test } from '@playwright/test';

const READY_MS = 120_000;

test('the Save / Load menu and the link notes read in Japanese', async ({ page }) => {
  await page.goto('./?backend=wasm&lang=ja&beta=99');
  await expect(page.getByRole('button', { name: '学習', exact: true })).toBeEnabled({ timeout: READY_MS });
  const notices = page.getByRole('list', { name: 'お知らせ' });
  await expect(notices).toContainText(/リンク：.+「99」は .+ の範囲外か、刻みに合わないため、\S+ にしました。/);
  await expect(notices).not.toContainText('is outside');

  await page.getByRole('button', { name: '保存 / 読み込み' }).click();
  const menu = page.getByRole('group', { name: '保存・読み込み・書き出し' });
  await expect(menu.getByRole('heading', { name: 'モデルを保存する' })).toBeVisible();
  await expect(menu.getByRole('heading', { name: 'モデルを読み込む' })).toBeVisible();
  await expect(menu.getByLabel('チェックポイントのファイルを読み込む')).toBeAttached();
  await expect(menu.getByRole('button', { name: 'CSV を書き出す' })).toBeVisible();
  await expect(menu.getByText('このブラウザにはまだ何も保存されていません。')).toBeVisible();
  await expect(menu.getByText(/Save|Load|Export/)).toHaveCount(0);

  await menu.getByLabel('チェックポイントの名前').fill('授業 1');
  await menu.getByRole('button', { name: 'ブラウザに保存' }).click();
  await expect(notices).toContainText('「授業 1」をこのブラウザに保存しました。');
  await expect(menu.getByRole('button', { name: '授業 1を読み込む' })).toBeVisible();
  await menu.getByRole('button', { name: '授業 1を削除する' }).click();
  await expect(menu.getByRole('button', { name: '授業 1を読み込む' })).toHaveCount(0);

  await menu.getByRole('button', { name: 'CSV を書き出す' }).click();
  await expect(notices).toContainText('書き出せる学習曲線がまだありません。');

  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('button', { name: 'Save / Load' }).click();
  const english = page.getByRole('group', { name: 'Save, load and export' });
  await expect(english.getByRole('button', { name: 'Save in browser' })).toBeVisible();
  await expect(english.getByLabel('Load checkpoint file')).toBeAttached();
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText('is outside');
});
