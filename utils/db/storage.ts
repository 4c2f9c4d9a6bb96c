/**
 * How much the browser lets Sổ tay keep, and whether it may evict it. Both are reported as the browser
 * answers, never assumed: Memex users lost data the browser evicted (ANCHORS.md).
 */
export interface StorageManagerLike {
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
}

function defaultStorage(): StorageManagerLike | undefined {
  return (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator?.storage;
}

export interface StorageUsage {
  /** False when the browser has no StorageManager (then usage and quota are unknown). */
  supported: boolean;
  usage?: number;
  quota?: number;
}

export async function storageUsage(storage = defaultStorage()): Promise<StorageUsage> {
  if (!storage?.estimate) return { supported: false };
  const { usage, quota } = await storage.estimate();
  return { supported: true, ...(usage !== undefined ? { usage } : {}), ...(quota !== undefined ? { quota } : {}) };
}

export interface PersistenceState {
  supported: boolean;
  /** Whether the browser promises not to evict Sổ tay's data. */
  persisted: boolean;
  /** Whether this call asked the browser (it was not persisted yet). */
  asked: boolean;
}

/** Ask for persistent storage unless it is already granted; report the browser's actual answer. */
export async function requestPersistence(storage = defaultStorage()): Promise<PersistenceState> {
  if (!storage?.persist) return { supported: false, persisted: false, asked: false };
  if (storage.persisted && (await storage.persisted())) return { supported: true, persisted: true, asked: false };
  const granted = await storage.persist();
  // Some browsers answer persist() optimistically; persisted() is the state that counts.
  const persisted = storage.persisted ? await storage.persisted() : granted;
  return { supported: true, persisted, asked: true };
}
