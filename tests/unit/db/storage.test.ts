import { describe, expect, it } from 'vitest';
import { requestPersistence, storageUsage } from '@/utils/db/storage';

describe('storage usage and persistence', () => {
  it('reports usage and quota as the browser estimates them', async () => {
    expect(await storageUsage({ estimate: async () => ({ usage: 1234, quota: 10_000 }) })).toEqual({ supported: true, usage: 1234, quota: 10_000 });
    expect(await storageUsage({})).toEqual({ supported: false });
    expect(await storageUsage(undefined)).toEqual({ supported: false });
  });

  it('asks for persistence only when not yet persisted, and reports what the browser decided', async () => {
    let asked = 0;
    let state = false;
    const storage = { persisted: async () => state, persist: async () => { asked++; state = true; return true; } };
    expect(await requestPersistence(storage)).toEqual({ supported: true, persisted: true, asked: true });
    expect(await requestPersistence(storage)).toEqual({ supported: true, persisted: true, asked: false });
    expect(asked).toBe(1);
  });

  it('does not believe an optimistic persist() when persisted() says no', async () => {
    const storage = { persisted: async () => false, persist: async () => true };
    expect(await requestPersistence(storage)).toEqual({ supported: true, persisted: false, asked: true });
    expect(await requestPersistence({})).toEqual({ supported: false, persisted: false, asked: false });
  });
});
