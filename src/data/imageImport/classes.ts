// Classes from folders: an image's class is the name of the folder it sits in, when the
// images sit in more than one folder ("digits/3/a.png" is a 3). Images all in one folder are
// one class. Folders of the same name merge ("train/3" and "test/3" are both 3). Class
// names sort the way people count ("2" before "10"), so folders 0–9 get labels 0–9 as in
// MNIST. System clutter (dot-files, __MACOSX, Thumbs.db) is not the user's and is ignored.

const JUNK_NAMES = new Set(['__MACOSX', 'Thumbs.db', 'desktop.ini']);

export function isJunkPath(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.') || JUNK_NAMES.has(part));
}

/** The folder part of a "/"-separated path, "" for a bare file name. */
export function folderOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export interface ClassAssignment {
  classes: string[];
  /** One label per path, an index into `classes`. */
  labels: number[];
  /** How many class folders there were when more than maxClasses (every image went into one class instead); else 0. */
  tooMany: number;
}

/** Labels for images at `paths`; `single` names the one class when there are no class folders. */
export function assignClasses(paths: readonly string[], single: string, maxClasses: number): ClassAssignment {
  const folders = paths.map(folderOf);
  const distinct = new Set(folders);
  const one = (tooMany: number): ClassAssignment => ({ classes: [single], labels: paths.map(() => 0), tooMany });
  if (distinct.size <= 1) return one(0);
  const names = folders.map((f) => f.slice(f.lastIndexOf('/') + 1) || single);
  const classes = [...new Set(names)].sort(collator.compare);
  if (classes.length > maxClasses) return one(classes.length);
  const index = new Map(classes.map((c, i) => [c, i]));
  return { classes, labels: names.map((n) => index.get(n) as number), tooMany: 0 };
}
