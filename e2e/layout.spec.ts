// The page as a classroom meets it: a projector (1280×720 to 1920×1080), a phone (390×844) and
// a tablet (820×1180), normal and presentation mode, English and Japanese. Nothing wider than
// the screen, the map, the decoded image and Train on screen (on a phone and a tablet, reached
// by scrolling down only), no text cut by a box that hides its overflow, and the explanation
// drawer on screen. One page load per viewport: presentation mode, the language and the drawer
// are switched on the loaded page.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { enUi } from '../src/components/i18n/enUi';
import { jaUi } from '../src/components/i18n/jaUi';

const READY_MS = 120_000;
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
  { width: 820, height: 1180 },
] as const;
type Ui = Record<keyof typeof enUi, string>;
/** Below this width the page is one scrolling column (styles.css). */
const ONE_COLUMN_MAX = 1000;

const trainButton = (p: Page, ui: Ui) => p.getByRole('button', { name: ui['header.train'], exact: true });
const keyParts = (p: Page, ui: Ui): [string, Locator][] => [
  ['map', p.getByRole('region', { name: ui['lx.mapAria'], exact: true })],
  ['decoded image', p.getByRole('img', { name: ui['lx.decodedAria'], exact: true })],
  ['Train', trainButton(p, ui)],
];

async function settle(p: Page): Promise<void> {
  await p.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Texts cut by a box that hides its overflow: the element's own (an ellipsis) or an ancestor's. */
function clippedTexts(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const clips = (v: string) => v === 'hidden' || v === 'clip';
    const scrolls = (v: string) => v === 'auto' || v === 'scroll';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const checked = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const el = node.parentElement;
      if (!text || !el || checked.has(el) || el.closest('svg, option, script, style, noscript')) continue;
      checked.add(el);
      if (getComputedStyle(el).visibility !== 'visible') continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0) continue;
      const box = {
        left: Math.min(...rects.map((r) => r.left)),
        right: Math.max(...rects.map((r) => r.right)),
        top: Math.min(...rects.map((r) => r.top)),
        bottom: Math.max(...rects.map((r) => r.bottom)),
      };
      const name = `"${text.slice(0, 40)}" (${el.tagName.toLowerCase()}.${[...el.classList].join('.')})`;
      for (let a: Element | null = el; a && a !== document.documentElement; a = a.parentElement) {
        const s = getComputedStyle(a);
        // Text in a scrolling box is reachable (the drawer's body, a long legend); panels that
        // must show everything at once are checked on their own (checkLayout).
        if (scrolls(s.overflowX) || scrolls(s.overflowY)) break;
        const clipX = clips(s.overflowX);
        const clipY = clips(s.overflowY);
        if (!clipX && !clipY) continue;
        const r = a.getBoundingClientRect();
        // A 1-px box is text hidden on purpose for screen readers.
        if (r.width <= 2 || r.height <= 2) break;
        if (a === el && s.display !== 'inline' && clipX && a.scrollWidth > a.clientWidth + 1) {
          out.push(`${name} is ${a.scrollWidth} px wide in ${a.clientWidth} px`);
          break;
        }
        const left = r.left + a.clientLeft;
        const top = r.top + a.clientTop;
        const cutX = clipX && (box.left < left - 1 || box.right > left + a.clientWidth + 1);
        const cutY = clipY && (box.top < top - 1 || box.bottom > top + a.clientHeight + 1);
        if (cutX || cutY) {
          out.push(`${name} is cut ${cutX ? 'sideways' : 'at the bottom'} by ${a.tagName.toLowerCase()}.${[...a.classList].join('.')}`);
          break;
        }
      }
    }
    return out;
  });
}

async function expectInside(p: Page, what: string, part: Locator, oneColumn: boolean, where: string): Promise<void> {
  if (oneColumn) await part.scrollIntoViewIfNeeded();
  const box = await part.boundingBox();
  expect(box, `${where}: ${what} is laid out`).not.toBeNull();
  if (!box) return;
  const view = await p.evaluate(() => ({ w: window.innerWidth, h: window.innerHeight, x: window.scrollX, y: window.scrollY }));
  expect(view.x, `${where}: reached without scrolling sideways`).toBe(0);
  if (!oneColumn) expect(view.y, `${where}: one screen, no scrolling`).toBe(0);
  expect(box.x, `${where}: ${what}'s left edge`).toBeGreaterThanOrEqual(-0.5);
  expect(box.x + box.width, `${where}: ${what}'s right edge`).toBeLessThanOrEqual(view.w + 0.5);
  expect(box.y, `${where}: ${what}'s top edge`).toBeGreaterThanOrEqual(-0.5);
  expect(box.y + box.height, `${where}: ${what}'s bottom edge`).toBeLessThanOrEqual(view.h + 0.5);
}

async function checkLayout(p: Page, ui: Ui, where: string, present: boolean): Promise<void> {
  await settle(p);
  const { width } = p.viewportSize() ?? { width: 0 };
  const oneColumn = width <= ONE_COLUMN_MAX;
  await p.evaluate(() => window.scrollTo(0, 0));
  const scroll = await p.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: window.innerWidth }));
  expect(scroll.sw, `${where}: page width ${scroll.sw} in a ${scroll.w} px window`).toBeLessThanOrEqual(scroll.w);
  expect(await clippedTexts(p), `${where}: clipped text`).toEqual([]);
  if (!oneColumn && !present) {
    // Every knob and its hint in sight: a hint below the panel's edge is a hint nobody reads.
    const hyper = p.getByRole('region', { name: ui['hyper.title'], exact: true });
    const fits = await hyper.evaluate((el) => ({ need: el.scrollHeight, have: el.clientHeight }));
    expect(fits.need, `${where}: the hyperparameters need ${fits.need} px in ${fits.have} px`).toBeLessThanOrEqual(fits.have + 1);
    // Every class in the legend in sight, not behind the legend's own scroll bar.
    const legend = p.getByRole('group', { name: ui['lx.classes'], exact: true }).first();
    const classes = await legend.evaluate((el) => ({ need: el.scrollHeight, have: el.clientHeight }));
    expect(classes.need, `${where}: the class legend needs ${classes.need} px in ${classes.have} px`).toBeLessThanOrEqual(classes.have + 1);
  }
  for (const [what, part] of keyParts(p, ui)) await expectInside(p, what, part, oneColumn, where);
  if (present && !oneColumn) {
    // What the class looks at is big, not merely on screen.
    const map = await keyParts(p, ui)[0][1].boundingBox();
    const decoded = await keyParts(p, ui)[1][1].boundingBox();
    expect(Math.min(map?.width ?? 0, map?.height ?? 0), `${where}: the map's shorter side`).toBeGreaterThanOrEqual(260);
    expect(decoded?.width ?? 0, `${where}: the decoded image's side`).toBeGreaterThanOrEqual(200);
  }
}

/** Opens the explanation drawer from the map's (i) and checks it lies on screen, then closes it. */
async function checkDrawer(p: Page, ui: Ui, where: string): Promise<void> {
  await p.getByRole('button', { name: ui['explain.open'].replace('{topic}', '') }).first().click();
  const drawer = p.getByRole('complementary', { name: ui['explain.drawer'] });
  await expect(drawer).toBeVisible();
  await settle(p);
  const box = await drawer.boundingBox();
  const view = await p.evaluate(() => ({ w: window.innerWidth, h: window.innerHeight, sw: document.documentElement.scrollWidth }));
  expect(view.sw, `${where} with the drawer: page width`).toBeLessThanOrEqual(view.w);
  expect(box && box.x >= -0.5 && box.x + box.width <= view.w + 0.5, `${where}: the drawer lies across the screen, not beside it`).toBe(true);
  expect(await clippedTexts(p), `${where} with the drawer: clipped text`).toEqual([]);
  if (view.w <= 700 && box) {
    // A phone: a bottom sheet across the screen, the page still in sight above it.
    expect(box.width, `${where}: the sheet spans the screen`).toBeGreaterThanOrEqual(view.w - 1);
    expect(box.y + box.height, `${where}: the sheet sits on the bottom edge`).toBeCloseTo(view.h, 0);
    expect(box.y, `${where}: the page shows above the sheet`).toBeGreaterThan(view.h * 0.3);
  }
  await p.getByRole('button', { name: ui['explain.close'] }).click();
  await expect(drawer).toHaveCount(0);
}

for (const viewport of VIEWPORTS) {
  test(`${viewport.width}×${viewport.height}: fits in presentation and normal mode, English and Japanese`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto('./?present=1');
    await expect(trainButton(page, enUi)).toBeEnabled({ timeout: READY_MS });
    const size = `${viewport.width}×${viewport.height}`;
    const presentation = (ui: Ui) => page.getByRole('button', { name: ui['header.presentation'], exact: true });

    await expect(presentation(enUi)).toHaveAttribute('aria-pressed', 'true');
    await checkLayout(page, enUi, `${size} present=1 en`, true);
    await presentation(enUi).click();
    await expect(presentation(enUi)).toHaveAttribute('aria-pressed', 'false');
    await checkLayout(page, enUi, `${size} normal en`, false);
    await checkDrawer(page, enUi, `${size} normal en`);

    await page.getByRole('button', { name: enUi['lang.toggle'] }).click();
    await expect(trainButton(page, jaUi)).toBeVisible();
    await checkLayout(page, jaUi, `${size} normal ja`, false);
    await presentation(jaUi).click();
    await expect(presentation(jaUi)).toHaveAttribute('aria-pressed', 'true');
    await checkLayout(page, jaUi, `${size} present=1 ja`, true);
    await checkDrawer(page, jaUi, `${size} present=1 ja`);
  });
}

// Compare with a Model B named by its settings: the top row (hint, Model B, legend) wraps on a
// phone instead of squeezing the hint to a word a line and pushing the page sideways.
for (const viewport of [VIEWPORTS[3], VIEWPORTS[1]]) {
  test(`${viewport.width}×${viewport.height}: Compare's top row fits, its hint is readable`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto('./?model=compare&b.beta=4');
    await expect(trainButton(page, enUi)).toBeEnabled({ timeout: READY_MS });
    await settle(page);
    const scroll = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: window.innerWidth }));
    expect(scroll.sw, `page width ${scroll.sw} in a ${scroll.w} px window`).toBeLessThanOrEqual(scroll.w);
    const hint = await page.getByTestId('compare-hint').evaluate((el) => {
      const p = el.closest('p') as HTMLElement;
      return { width: p.getBoundingClientRect().width, row: (p.parentElement as HTMLElement).getBoundingClientRect().width };
    });
    expect(hint.width, `the hint is ${hint.width} px wide in a ${hint.row} px row`).toBeGreaterThanOrEqual(Math.min(300, hint.row * 0.45));
    await expect(page.getByRole('group', { name: 'Model B', exact: true }).getByTestId('model-b-label')).toBeInViewport();
  });
}
