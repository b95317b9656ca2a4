// Turning a message key into text: pick the language's dictionary, fill in `{name}` slots.
// Pure, so statusText and other helpers can take a Translate without React.
import type { Lang } from '../settingsLink';
import { en, type MessageKey, type Messages } from './en';
import { ja } from './ja';

export type { MessageKey, Messages };
export type Vars = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export const DICTIONARIES: Readonly<Record<Lang, Messages>> = { en, ja };

/** The `{name}` slots of a template, in order of appearance. */
export function slotsOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}

/** Fills `{name}` slots; a slot without a value stays visible, so a missing one shows in review. */
export function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (slot: string, name: string) => (name in vars ? String(vars[name]) : slot));
}

export function translator(lang: Lang): Translate {
  const dict = DICTIONARIES[lang];
  return (key, vars) => fill(dict[key], vars);
}

/** English: the default, and what pure helpers use when no translator is passed. */
export const tEn: Translate = translator('en');
