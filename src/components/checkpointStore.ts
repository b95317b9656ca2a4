// Checkpoints kept in this browser (IndexedDB). The bytes are opaque here (the worker reads
// and writes them); a small summary beside them lists an entry without loading its bytes.
// Two object stores share each key, so listing never pulls megabytes of weights into memory.
// Plain IndexedDB, not `idb`: four operations share one transaction helper; the worded errors stay ours.

export interface CheckpointSummary {
  name: string;
  dataset: string;
  kind: 'vae' | 'ae';
  latentDim: number;
  step: number;
  /** ISO 8601. */
  savedAt: string;
  /** Size of the bytes. */
  size: number;
}

export interface StoredCheckpoint extends CheckpointSummary {
  id: number;
}

const DB_NAME = 'vae-playground-checkpoints';
const DB_VERSION = 1;
const SUMMARIES = 'summaries';
const BYTES = 'bytes';

export class StorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageError';
  }
}

let connection: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') {
    return Promise.reject(new StorageError('This browser offers no storage to this page (IndexedDB is unavailable).'));
  }
  connection ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(SUMMARIES)) db.createObjectStore(SUMMARIES, { keyPath: 'id', autoIncrement: true });
      if (!db.objectStoreNames.contains(BYTES)) db.createObjectStore(BYTES);
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab upgrading the database: let it, and reopen next time.
      db.onversionchange = () => {
        db.close();
        connection = null;
      };
      resolve(db);
    };
    req.onerror = () => reject(storageError(req.error, 'open the browser storage'));
    req.onblocked = () => reject(new StorageError('The browser storage is held by another tab of this page; close it and try again.'));
  });
  connection.catch(() => {
    connection = null;
  });
  return connection;
}

function storageError(err: DOMException | null, doing: string): StorageError {
  if (err?.name === 'QuotaExceededError') {
    return new StorageError('The browser storage is full: delete a saved checkpoint, or save to a file instead.');
  }
  return new StorageError(`Could not ${doing}: ${err?.message || err?.name || 'unknown error'}.`);
}

/** Runs `body` in one transaction and resolves with its result once the transaction commits. */
async function inTransaction<T>(
  mode: IDBTransactionMode,
  doing: string,
  body: (summaries: IDBObjectStore, bytes: IDBObjectStore, done: (value: T) => void) => void,
): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    let result: T | undefined;
    let settled = false;
    const tx = db.transaction([SUMMARIES, BYTES], mode);
    tx.oncomplete = () => {
      if (settled) resolve(result as T);
      else reject(new StorageError(`Could not ${doing}: the browser storage returned nothing.`));
    };
    tx.onerror = () => reject(storageError(tx.error, doing));
    tx.onabort = () => reject(storageError(tx.error, doing));
    body(tx.objectStore(SUMMARIES), tx.objectStore(BYTES), (value) => {
      result = value;
      settled = true;
    });
  });
}

function isStored(v: unknown): v is StoredCheckpoint {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.id === 'number' &&
    typeof r.name === 'string' &&
    typeof r.dataset === 'string' &&
    (r.kind === 'vae' || r.kind === 'ae') &&
    ['latentDim', 'step', 'size'].every((k) => typeof r[k] === 'number') &&
    typeof r.savedAt === 'string'
  );
}

/** Saved checkpoints, newest first (entries that do not read as summaries are skipped). */
export function listCheckpoints(): Promise<StoredCheckpoint[]> {
  return inTransaction<StoredCheckpoint[]>('readonly', 'list the saved checkpoints', (summaries, _bytes, done) => {
    const req = summaries.getAll();
    req.onsuccess = () => done((req.result as unknown[]).filter(isStored).sort((a, b) => b.id - a.id));
  });
}

export function putCheckpoint(summary: CheckpointSummary, bytes: ArrayBuffer): Promise<StoredCheckpoint> {
  return inTransaction<StoredCheckpoint>('readwrite', 'save the checkpoint in this browser', (summaries, store, done) => {
    const req = summaries.add({ ...summary });
    req.onsuccess = () => {
      const id = req.result as number;
      store.put(bytes, id).onsuccess = () => done({ ...summary, id });
    };
  });
}

export function readCheckpointBytes(id: number): Promise<ArrayBuffer> {
  return inTransaction<ArrayBuffer>('readonly', 'read the saved checkpoint', (_summaries, store, done) => {
    const req = store.get(id);
    req.onsuccess = () => {
      if (req.result instanceof ArrayBuffer) done(req.result);
    };
  });
}

export function deleteCheckpoint(id: number): Promise<void> {
  return inTransaction<void>('readwrite', 'delete the saved checkpoint', (summaries, store, done) => {
    summaries.delete(id);
    store.delete(id).onsuccess = () => done(undefined);
  });
}
