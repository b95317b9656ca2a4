// How the page is shown, as opposed to what is trained: presentation mode, hidden controls
// and panels, panels asked back in presentation mode, and the language. All of it lives in
// the link next to the settings, so a teacher's link opens the page as they prepared it.
import { COLOUR_PARAM, colourFromParam, colourLinkName, type ColourChoice } from './disentangle/colourBy';
import { SCHEMA } from './hyperSchema';
import { MODEL_B_LINK_NAMES } from './modelBLink';
import { langFromParams, LANG_FIELD, type Lang } from './settingsLink';
import { allPanelControlsHidden, hideListText, isPanel, parseHideList, type HideTarget, type PanelName } from './hideControls';

export interface PageOptions {
  present: boolean;
  hide: ReadonlySet<HideTarget>;
  /** Panels shown in presentation mode although it hides them by default. */
  show: ReadonlySet<PanelName>;
  lang: Lang;
  /**
   * start=fresh: new weights even when every setting is the default (a bare link opens the
   * shipped pretrained model), e.g. to show a class the clusters forming from nothing.
   */
  fresh: boolean;
  /** What the latent map's colours show (`colour=positionX`); absent: the class label. */
  colour?: ColourChoice;
}

/** A projector needs fewer, bigger things: these panels go unless `show=` asks for them. */
export const PRESENTATION_HIDES: readonly PanelName[] = ['hyper', 'recon'];

/** Every name a link may carry; a new one (anywhere in the app) is added here, or it is noted and dropped. */
export const LINK_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(SCHEMA).map((f) => f.param),
  // Compare's Model B: b. and the name of each setting it may hold apart.
  ...MODEL_B_LINK_NAMES,
  'backend',
  'present',
  'hide',
  'show',
  'start',
  LANG_FIELD.param,
  COLOUR_PARAM,
]);

/** Names in the link that mean nothing here (a typo, an old link, or something injected). */
export function unknownParams(params: URLSearchParams): string[] {
  return [...new Set(params.keys())].filter((name) => !LINK_NAMES.has(name));
}

export function defaultPageOptions(): PageOptions {
  return { present: false, hide: new Set(), show: new Set(), lang: LANG_FIELD.default, fresh: false, colour: 'label' };
}

export function pageOptionsFromParams(params: URLSearchParams): { options: PageOptions; notes: string[] } {
  const notes: string[] = [];
  const present = readPresent(params.get('present'), notes);
  const { hidden, notes: hideNotes } = parseHideList(params.get('hide'));
  notes.push(...hideNotes);
  const show = new Set<PanelName>();
  for (const name of (params.get('show') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '').slice(0, 8)) {
    const panel = name.toLowerCase();
    if (isPanel(panel)) show.add(panel);
    else notes.push(`Show: "${name.slice(0, 32)}" is not a panel (${PRESENTATION_HIDES.join(', ')}); ignored.`);
  }
  const { lang, note } = langFromParams(params);
  if (note) notes.push(note);
  const fresh = readStart(params.get('start'), notes);
  const unknown = unknownParams(params);
  for (const name of unknown.slice(0, 5)) notes.push(`"${name.slice(0, 32)}" is not a setting; ignored.`);
  if (unknown.length > 5) notes.push(`${unknown.length - 5} more unknown names ignored.`);
  const { colour, note: colourNote } = colourFromParam(params.get(COLOUR_PARAM));
  if (colourNote) notes.push(colourNote);
  return { options: { present, hide: hidden, show, lang, fresh, colour }, notes };
}

/** Writes only what differs from the defaults; known keys are rewritten in canonical form. */
export function pageOptionsToParams(o: PageOptions, into = new URLSearchParams()): URLSearchParams {
  const set = (name: string, value: string) => (value === '' ? into.delete(name) : into.set(name, value));
  set('present', o.present ? '1' : '');
  set('hide', hideListText(o.hide));
  set('show', [...o.show].join(','));
  set('lang', o.lang === LANG_FIELD.default ? '' : o.lang);
  set('start', o.fresh ? 'fresh' : '');
  set(COLOUR_PARAM, !o.colour || o.colour === 'label' ? '' : colourLinkName(o.colour));
  return into;
}

/** The panels not drawn: hidden by the link (or all their controls are), or by presentation mode and not asked back. */
export function hiddenPanels(o: PageOptions): Set<PanelName> {
  const out = new Set<PanelName>();
  for (const target of o.hide) if (isPanel(target)) out.add(target);
  if (allPanelControlsHidden(o.hide)) out.add('hyper');
  if (o.present) for (const panel of PRESENTATION_HIDES) if (!o.show.has(panel)) out.add(panel);
  return out;
}

function readPresent(raw: string | null, notes: string[]): boolean {
  if (raw === null) return false;
  const v = raw.trim().toLowerCase();
  if (v === '1' || v === 'true' || v === 'on' || v === '') return true;
  if (v === '0' || v === 'false' || v === 'off') return false;
  notes.push(`Presentation: "${raw.slice(0, 32)}" is not on/off; presentation mode stays off.`);
  return false;
}

function readStart(raw: string | null, notes: string[]): boolean {
  if (raw === null) return false;
  const v = raw.trim().toLowerCase();
  if (v === 'fresh') return true;
  if (v === 'pretrained' || v === '') return false;
  notes.push(`Start: "${raw.slice(0, 32)}" is not fresh or pretrained; the usual start is used.`);
  return false;
}
