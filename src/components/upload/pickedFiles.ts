// The user's files as the import worker wants them: each with its path inside what was
// picked, since class names come from folders. A folder picker gives webkitRelativePath; a
// drop gives entries to walk (read synchronously in the drop event, before they expire).

import type { ImportFile } from '../../shared/protocol';

/** Stop walking a dropped tree here: far more than the image limit, but not unbounded. */
const MAX_DROPPED_FILES = 50_000;

export function pickedFiles(list: FileList | null): ImportFile[] {
  return [...(list ?? [])].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/** Call in the drop handler itself: the items are gone once it returns. */
export function droppedEntries(data: DataTransfer): { entries: FileSystemEntry[]; files: File[] } {
  const entries = [...data.items].flatMap((item) => {
    const entry = item.kind === 'file' ? item.webkitGetAsEntry() : null;
    return entry ? [entry] : [];
  });
  return { entries, files: [...data.files] };
}

export async function droppedFiles({ entries, files }: { entries: FileSystemEntry[]; files: File[] }): Promise<ImportFile[]> {
  if (entries.length === 0) return files.map((file) => ({ path: file.name, file }));
  const out: ImportFile[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (out.length >= MAX_DROPPED_FILES) return;
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ path: entry.fullPath.replace(/^\/+/, ''), file });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries answers in batches (100 in Chromium) until an empty one.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const e of batch) await walk(e);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
}
