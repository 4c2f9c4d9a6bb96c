import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { upsertArticle } from '@/utils/db/articles';
import { createAnnotation, updateAnnotation } from '@/utils/db/annotations';
import { exportBackup, exportBackupParts, importBackup, parseBackup, previewImport, MAX_BACKUP_CHARS } from '@/utils/db/backup';
import type { Database } from '@/utils/db/database';
import { StoreError } from '@/utils/db/errors';
import { commitStagedBackup, discardStagedBackup, importBackupFile, previewStagedBackup, stageBackup } from '@/utils/db/import';
import { listTags, recolorTag } from '@/utils/db/tags';
import { validateAnnotation } from '@/utils/db/validate';
import { BCP, freshDb, HANOI, highlight, T0 } from '../db/helpers';

async function dump(db: Database) {
  return { articles: await db.getAll('articles'), annotations: await db.getAll('annotations'), tags: await db.getAll('tags') };
}

async function library() {
  const db = await freshDb();
  await upsertArticle(db, { url: HANOI, aliases: ['https://hanoi.gov.vn/amp/4230612101530123.htm'], meta: { title: 'Lan tỏa phong trào học tập', author: 'Quỳnh Anh', published: '2023-06-12T10:30:00+07:00' } }, T0);
  await upsertArticle(db, { url: BCP, meta: { title: 'Thủ tướng chủ trì hội nghị' } }, T0 + 10);
  await createAnnotation(db, highlight(HANOI, 'học tập suốt đời', { start: 12, tags: ['giáo dục', 'Hoà bình'], note: 'Ghi chú <img src=x onerror=alert(1)> & "trích"' }), { now: T0 + 1 });
  await createAnnotation(db, { ...highlight(HANOI, 'Ủy ban'), quote: 'Ủy ban'.normalize('NFD') }, { now: T0 + 2 });
  const c = await createAnnotation(db, highlight(BCP, 'hội nghị', { color: 'purple', tags: ['hòa bình'] }), { now: T0 + 3 });
  await updateAnnotation(db, c.id, { note: 'sửa' }, T0 + 4);
  await recolorTag(db, 'hoà bình', '#3366cc');
  return db;
}

async function backupText(db: Database, chunkSize?: number) {
  return (await exportBackup(db, { now: T0 + 100, chunkSize })).text();
}

describe('backup export', () => {
  it('writes a W3C Web Annotation collection with Sổ tay extras under its own namespace', async () => {
    const db = await library();
    const doc = JSON.parse(await backupText(db));
    expect(doc['@context']).toEqual(['http://www.w3.org/ns/anno.jsonld', { sotay: 'https://sotay.invalid/ns#' }]);
    expect(doc).toMatchObject({ type: 'AnnotationCollection', 'sotay:formatVersion': 1, total: 3, first: { type: 'AnnotationPage' } });
    const item = doc.first.items.find((a: { target: { source: string } }) => a.target.source === BCP);
    expect(item).toMatchObject({
      id: expect.stringMatching(/^urn:sotay:annotation:/),
      type: 'Annotation',
      motivation: 'commenting',
      created: new Date(T0 + 3).toISOString(),
      modified: new Date(T0 + 4).toISOString(),
      body: [
        { type: 'TextualBody', purpose: 'commenting', value: 'sửa', format: 'text/plain' },
        { type: 'TextualBody', purpose: 'tagging', value: 'Hoà bình' },
      ],
      target: {
        source: BCP,
        'sotay:scope': 'article',
        selector: [
          { type: 'TextQuoteSelector', exact: 'hội nghị', prefix: '', suffix: '' },
          { type: 'TextPositionSelector', start: 0, end: 8 },
        ],
      },
      'sotay:color': 'purple',
    });
    expect(doc['sotay:tags']).toEqual([{ name: 'Hoà bình', color: '#3366cc' }]);
    expect(doc['sotay:articles'].find((a: { id: string }) => a.id === HANOI)).toMatchObject({ meta: { author: 'Quỳnh Anh' }, firstVisit: new Date(T0).toISOString() });
  });

  it('streams in chunks: the same document whatever the chunk size', async () => {
    const db = await library();
    const parts: string[] = [];
    for await (const part of exportBackupParts(db, { chunkSize: 1, now: T0 + 100 })) parts.push(part);
    expect(parts.length).toBeGreaterThan(6);
    expect(parts.join('')).toBe(await backupText(db, 1000));
  });

  it('an empty store exports a valid, empty backup', async () => {
    const db = await freshDb();
    const parsed = parseBackup(await backupText(db));
    expect(parsed).toMatchObject({ articles: [], annotations: [], tagColors: [] });
  });
});

describe('restore', () => {
  it('round trip: export → wipe → import gives back identical data, derived indexes and counts included', async () => {
    const db = await library();
    const before = await dump(db);
    const text = await backupText(db, 2);
    db.close();
    const empty = await freshDb();
    const parsed = parseBackup(text);
    expect(await previewImport(empty, parsed)).toEqual({ articles: 2, annotations: 3, new: 3, updated: 0, unchanged: 0 });
    expect(await importBackup(empty, parsed)).toEqual({ articles: 2, annotations: 3, new: 3, updated: 0, unchanged: 0 });
    expect(await dump(empty)).toEqual(before);
    // Markup in a note is kept as the exact text, never interpreted.
    expect(before.annotations.some((a) => a.note.includes('<img src=x onerror=alert(1)>'))).toBe(true);
  });

  it('importing the same backup again changes nothing', async () => {
    const db = await library();
    const before = await dump(db);
    const parsed = parseBackup(await backupText(db));
    expect(await importBackup(db, parsed)).toMatchObject({ new: 0, updated: 0, unchanged: 3 });
    expect(await dump(db)).toEqual(before);
  });

  it('merges by id: the newer modified wins on each side, tag counts follow', async () => {
    const db = await library();
    const parsed = parseBackup(await backupText(db));
    const first = parsed.annotations.find((a) => a.quote === 'học tập suốt đời');
    const second = parsed.annotations.find((a) => a.target.quote.exact === 'Ủy ban');
    // Here: first edited later than the backup; second older than the backup's copy.
    await updateAnnotation(db, first!.id, { note: 'newer here' }, T0 + 500);
    const newerInBackup = { ...second!, tags: ['mới'], updated: T0 + 600 };
    const modified = { ...parsed, annotations: parsed.annotations.map((a) => (a.id === second!.id ? newerInBackup : a)) };
    expect(await previewImport(db, modified)).toMatchObject({ new: 0, updated: 1, unchanged: 2 });
    await importBackup(db, modified);
    expect((await db.get('annotations', first!.id))!.note).toBe('newer here');
    expect((await db.get('annotations', second!.id))!.tags).toEqual(['mới']);
    expect((await listTags(db)).map((t) => [t.name, t.count])).toEqual([['giáo dục', 1], ['Hoà bình', 2], ['mới', 1]]);
  });
});

/** A valid backup as a JSON object, to break one piece at a time. */
async function validDoc(): Promise<Record<string, any>> {
  return JSON.parse(await backupText(await library()));
}

/** Every case refused here is refused again by the streaming import at the end of this file. */
export const refusedCases: { text: string; reason: RegExp }[] = [];

function expectRejected(text: string, reason: RegExp) {
  refusedCases.push({ text, reason });
  let error: unknown;
  try {
    parseBackup(text);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(StoreError);
  expect(error).toMatchObject({ code: 'invalid', message: expect.stringMatching(reason) });
  expect((error as Error).message).toMatch(/Nothing was imported/);
}

describe('a broken or hostile backup is refused whole, with the reason', () => {
  it('not JSON, not an object, wrong type', async () => {
    expectRejected('{"@context": [', /not a JSON file/);
    expectRejected('"just a string"', /AnnotationCollection/);
    expectRejected('[]', /AnnotationCollection/);
    expectRejected('{"sotay:formatVersion":1}', /@context/);
    const doc = await validDoc();
    expectRejected(JSON.stringify({ ...doc, type: 'Collection' }), /type/);
  });

  it('an unknown format version', async () => {
    expectRejected(JSON.stringify({ ...(await validDoc()), 'sotay:formatVersion': 2 }), /format version 2 is unknown/);
  });

  it('duplicated annotation ids and duplicated article URLs', async () => {
    const doc = await validDoc();
    expectRejected(JSON.stringify({ ...doc, total: 4, first: { ...doc.first, items: [...doc.first.items, doc.first.items[0]] } }), /appears twice/);
    expectRejected(JSON.stringify({ ...doc, 'sotay:articles': [...doc['sotay:articles'], doc['sotay:articles'][0]] }), /appears twice/);
  });

  it('__proto__ and other prototype keys anywhere', async () => {
    const text = await backupText(await library());
    expectRejected(text.replace('"type":"AnnotationCollection"', '"__proto__":{"polluted":true},"type":"AnnotationCollection"'), /forbidden key/);
    expectRejected(text.replace('"sotay:color":', '"constructor":{"prototype":{}},"sotay:color":'), /forbidden key/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('wrong types, unknown colours, bad dates, a selector that disagrees with the quote', async () => {
    const doc = await validDoc();
    const withItem = (change: (item: any) => void) => {
      const copy = structuredClone(doc);
      change(copy.first.items[0]);
      return JSON.stringify(copy);
    };
    expectRejected(withItem((a) => (a['sotay:color'] = 'red')), /color/);
    expectRejected(withItem((a) => (a.created = 'yesterday')), /created/);
    expectRejected(withItem((a) => (a.target.selector[1].end = 9999)), /does not span/);
    expectRejected(withItem((a) => (a.target.selector[0].exact = 'something else entirely!')), /position|quote/);
    expectRejected(withItem((a) => (a.target.source = 'javascript:alert(1)')), /normalised/);
    expectRejected(withItem((a) => (a.target.source = 'https://other.gov.vn/x')), /names no article/);
    expectRejected(withItem((a) => (a.id = 'urn:sotay:annotation:<script>')), /id/);
    expectRejected(withItem((a) => (a.target.selector[0].start = '1')), /unexpected key/);
    expectRejected(withItem((a) => (a.extra = 1)), /unexpected key/);
    expectRejected(JSON.stringify({ ...doc, total: 99 }), /total/);
  });

  it('too many records or a file that is too large', async () => {
    const doc = await validDoc();
    const many = { ...doc, 'sotay:tags': Array.from({ length: 100_001 }, (_, i) => ({ name: `t${i}`, color: 'red' })) };
    expectRejected(JSON.stringify(many), /more than 100000/);
    const text = JSON.stringify(doc);
    expect(() => parseBackup(text, { maxChars: text.length - 1 })).toThrow(/larger than/);
    expect(parseBackup(text, { maxChars: text.length }).annotations).toHaveLength(3);
    expect(MAX_BACKUP_CHARS).toBe(200 * 1024 * 1024);
    expect(() => parseBackup(42)).toThrow(/not text/);
  });

  it('a file rejected after the first records imports nothing at all', async () => {
    const doc = await validDoc();
    doc.first.items[2]['sotay:color'] = 'black';
    const db = await freshDb();
    expect(() => parseBackup(JSON.stringify(doc))).toThrow(StoreError);
    expect(await dump(db)).toEqual({ articles: [], annotations: [], tags: [] });
  });
});

describe('parseBackup under fuzzing', () => {
  it('never throws anything but the typed error, and never accepts an invalid record', async () => {
    const doc = await validDoc();
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
    };
    walk(doc, []);
    const mutated = fc.tuple(fc.constantFrom(...paths.filter((p) => p.length)), fc.jsonValue()).map(([path, replacement]) => {
      const copy = structuredClone(doc);
      let parent: any = copy;
      for (const step of path.slice(0, -1)) parent = parent[step];
      parent[path[path.length - 1]!] = replacement;
      return JSON.stringify(copy);
    });
    const texts = fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v) ?? ''), mutated);
    fc.assert(
      fc.property(texts, (text) => {
        try {
          const parsed = parseBackup(text);
          for (const a of parsed.annotations) validateAnnotation(a);
          return true;
        } catch (error) {
          return error instanceof StoreError && error.code === 'invalid';
        }
      }),
      { numRuns: 1500 },
    );
  }, 60_000);
});

describe('streaming import (bounded memory, staged, then one transaction)', () => {
  const staging = async (db: Database) => ({ articles: await db.count('importArticles'), annotations: await db.count('importAnnotations') });

  it('refuses every broken or hostile file above with the same reason, and leaves the library and staging untouched', async () => {
    expect(refusedCases.length).toBeGreaterThan(15);
    const db = await library();
    const before = await dump(db);
    for (const { text, reason } of refusedCases) {
      for (const chunkChars of [1 << 20, 97]) {
        const error = await importBackupFile(db, text, { chunkChars }).then(() => undefined, (e: unknown) => e);
        expect(error, text.slice(0, 80)).toBeInstanceOf(StoreError);
        expect(error).toMatchObject({ code: 'invalid', message: expect.stringMatching(reason) });
        expect((error as Error).message).toMatch(/Nothing was imported/);
      }
    }
    expect(await dump(db)).toEqual(before);
    expect(await staging(db)).toEqual({ articles: 0, annotations: 0 });
    await expect(importBackupFile(db, 42 as never)).rejects.toThrow(/not text/);
  }, 120_000);

  it('round trip from a Blob or text cut anywhere: the same library as the one-piece import', async () => {
    const db = await library();
    const before = await dump(db);
    const text = await backupText(db);
    for (const source of [new Blob([text]), text]) {
      for (const chunkChars of [1, 7, 1 << 20]) {
        const empty = await freshDb();
        expect(await importBackupFile(empty, source, { chunkChars })).toEqual({ articles: 2, annotations: 3, new: 3, updated: 0, unchanged: 0 });
        expect(await dump(empty)).toEqual(before);
        expect(await empty.getAllKeys('wordsByTime')).toEqual(await db.getAllKeys('wordsByTime'));
        expect(await staging(empty)).toEqual({ articles: 0, annotations: 0 });
      }
    }
  }, 60_000);

  it('merges by id exactly like importBackup: preview, newer wins, tag counts', async () => {
    const source = await library();
    const doc = JSON.parse(await backupText(source));
    // The backup has a newer copy of one highlight with a new tag; the library a newer copy of another.
    const item = doc.first.items.find((a: any) => a.target.selector[0].exact === 'Ủy ban');
    item.modified = new Date(T0 + 600).toISOString();
    item.body = [{ type: 'TextualBody', purpose: 'tagging', value: 'mới' }];
    const text = JSON.stringify(doc);
    // Both libraries start from the backup's own records so ids match.
    const one = await freshDb();
    await importBackup(one, parseBackup(await backupText(source)));
    const two = await freshDb();
    await importBackup(two, parseBackup(await backupText(source)));
    const firstId = (await one.getAll('annotations')).find((a) => a.quote === 'học tập suốt đời')!.id;
    await updateAnnotation(one, firstId, { note: 'newer here' }, T0 + 500);
    await updateAnnotation(two, firstId, { note: 'newer here' }, T0 + 500);

    const staged = await stageBackup(two, text, { chunkChars: 50 });
    expect(await previewStagedBackup(two, staged)).toEqual(await previewImport(one, parseBackup(text)));
    expect(await commitStagedBackup(two, staged)).toMatchObject({ new: 0, updated: 1, unchanged: 2 });
    await importBackup(one, parseBackup(text));
    expect(await dump(two)).toEqual(await dump(one));
    expect((await listTags(two)).map((t) => [t.name, t.count])).toEqual([['giáo dục', 1], ['Hoà bình', 2], ['mới', 1]]);
    expect(await two.getAllKeys('wordsByTime')).toEqual(await one.getAllKeys('wordsByTime'));
    // A cancelled import leaves nothing staged.
    await stageBackup(two, text);
    expect((await staging(two)).annotations).toBe(3);
    await discardStagedBackup(two);
    expect(await staging(two)).toEqual({ articles: 0, annotations: 0 });
  }, 60_000);

  it('a file refused after several staged chunks imports nothing and leaves no staging behind', async () => {
    const doc = await validDoc();
    const template = doc.first.items[0];
    doc.first.items = Array.from({ length: 1_300 }, (_, i) => ({ ...structuredClone(template), id: `urn:sotay:annotation:bulk-${i}` }));
    doc.total = doc.first.items.length;
    const good = JSON.stringify(doc);
    doc.first.items[1_250]['sotay:color'] = 'black';
    const bad = JSON.stringify(doc);
    const db = await freshDb();
    await expect(importBackupFile(db, bad)).rejects.toThrow(/items\[1250\].*color|color.*items\[1250\]/);
    expect(await dump(db)).toEqual({ articles: [], annotations: [], tags: [] });
    expect(await staging(db)).toEqual({ articles: 0, annotations: 0 });
    expect(await importBackupFile(db, good)).toMatchObject({ new: 1_300 });
    expect(await db.count('annotations')).toBe(1_300);
    expect(await staging(db)).toEqual({ articles: 0, annotations: 0 });
  }, 120_000);

  it('accepts exactly what parseBackup accepts, under fuzzing', async () => {
    const doc = await validDoc();
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
    };
    walk(doc, []);
    const mutated = fc.tuple(fc.constantFrom(...paths.filter((p) => p.length)), fc.jsonValue()).map(([path, replacement]) => {
      const copy = structuredClone(doc);
      let parent: any = copy;
      for (const step of path.slice(0, -1)) parent = parent[step];
      parent[path[path.length - 1]!] = replacement;
      return JSON.stringify(copy);
    });
    const texts = fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v) ?? ''), mutated, mutated.map((t) => t.replace(/,/, ',,')), mutated.map((t) => t.replace(/\]/, ',]')));
    const db = await freshDb();
    await fc.assert(
      fc.asyncProperty(texts, fc.integer({ min: 1, max: 300 }), async (text, chunkChars) => {
        let expected: unknown;
        try {
          expected = parseBackup(text).annotations.length;
        } catch {
          expected = 'refused';
        }
        const got = await importBackupFile(db, text, { chunkChars }).then(
          (r) => r.annotations,
          (e: unknown) => (e instanceof StoreError && e.code === 'invalid' ? 'refused' : e),
        );
        await db.clear('annotations');
        await db.clear('articles');
        await db.clear('tags');
        await db.clear('wordsByTime');
        return got === expected;
      }),
      { numRuns: 300 },
    );
  }, 180_000);
});
