import { describe, expect, it } from 'vitest';
import { buildLayout, entryAt, layoutHeight, layoutWindow } from '@/utils/library/virtual';
import { LatestOnly } from '@/utils/library/latest';
import { searchInWorker, type LibraryRequest, type LibraryResponse } from '@/components/library/queries';
import type { LibraryPage, LibraryQuery } from '@/utils/db/library';
import { StoreError } from '@/utils/db/errors';
import { createTranslator } from '@/utils/i18n';
import { errorText } from '@/components/library/format';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('list layout with article headers', () => {
  // header 60, three rows of 100, header 60, a row being edited (300), a row.
  const layout = buildLayout([60, 100, 100, 100, 60, 300, 100]);

  it('places every entry after the ones above it', () => {
    expect(layoutHeight(layout)).toBe(820);
    expect([...layout.offsets]).toEqual([0, 60, 160, 260, 360, 420, 720, 820]);
  });

  it('finds the entry under any position, clamped to the list', () => {
    expect(entryAt(layout, 0)).toBe(0);
    expect(entryAt(layout, 59)).toBe(0);
    expect(entryAt(layout, 60)).toBe(1);
    expect(entryAt(layout, 719)).toBe(5);
    expect(entryAt(layout, 10_000)).toBe(6);
    expect(entryAt(layout, -5)).toBe(0);
  });

  it('renders the entries in view plus overscan, and nothing for an empty list', () => {
    expect(layoutWindow(layout, 160, 200, 1)).toEqual({ start: 1, end: 5 });
    expect(layoutWindow(buildLayout([]), 0, 500)).toEqual({ start: 0, end: 0 });
  });

  it('stays cheap on a very long list', () => {
    const long = buildLayout(Array.from({ length: 100_000 }, (_, i) => (i % 11 === 0 ? 60 : 124)));
    const window = layoutWindow(long, 6_000_000, 900, 6);
    expect(window.end - window.start).toBeLessThanOrEqual(Math.ceil(900 / 60) + 1 + 12);
    expect(long.offsets[window.start + 6]! <= 6_000_000 && 6_000_000 < long.offsets[window.start + 7]!).toBe(true);
  });
});

describe('latest-only queries', () => {
  it('runs one query at a time, skips the ones superseded while waiting and drops stale results', async () => {
    const runner = new LatestOnly();
    const started: string[] = [];
    const shown: string[] = [];
    const jobs = new Map<string, ReturnType<typeof deferred<string>>>();
    const ask = (text: string) =>
      runner.submit(
        () => {
          started.push(text);
          const job = deferred<string>();
          jobs.set(text, job);
          return job.promise;
        },
        (value) => shown.push(value),
        () => shown.push(`error ${text}`),
      );
    ask('h');
    ask('ho');
    ask('hoc');
    expect(started).toEqual(['h']);
    jobs.get('h')!.resolve('results for h');
    await tick();
    // "h" was superseded: its results never show; "ho" never ran; "hoc" runs now.
    expect(started).toEqual(['h', 'hoc']);
    expect(shown).toEqual([]);
    jobs.get('hoc')!.resolve('results for hoc');
    await tick();
    expect(shown).toEqual(['results for hoc']);
  });

  it('reports the error of the latest query only, and nothing after cancel', async () => {
    const runner = new LatestOnly();
    const shown: string[] = [];
    runner.submit(() => Promise.reject(new Error('disk')), () => shown.push('value'), (e) => shown.push(String(e)));
    await tick();
    expect(shown).toEqual(['Error: disk']);
    const job = deferred<string>();
    runner.submit(() => job.promise, (v) => shown.push(v), () => undefined);
    runner.cancel();
    job.resolve('late');
    await tick();
    expect(shown).toEqual(['Error: disk']);
  });
});

class FakeWorker {
  onmessage: ((event: MessageEvent<LibraryResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  posted: LibraryRequest[] = [];
  terminated = false;
  postMessage(request: LibraryRequest) {
    this.posted.push(request);
  }
  terminate() {
    this.terminated = true;
  }
  answer(response: LibraryResponse) {
    this.onmessage?.({ data: response } as MessageEvent<LibraryResponse>);
  }
  crash() {
    this.onerror?.({ message: 'failed to load', preventDefault() {} } as ErrorEvent);
  }
}

const page = (quote: string): LibraryPage => ({ items: [{ quote } as LibraryPage['items'][number]], articles: {} });

describe('queries in a worker', () => {
  it('matches each answer to its query, and passes errors on', async () => {
    const worker = new FakeWorker();
    const search = searchInWorker(worker as unknown as Worker, () => Promise.reject(new Error('no fallback expected')));
    const first = search({ text: 'hoc' });
    const second = search({ text: 'hoc tap' });
    const [a, b] = worker.posted;
    worker.answer({ id: b!.id, page: page('học tập') });
    worker.answer({ id: a!.id, error: 'The browser has no more storage space', code: 'quota' });
    await expect(second).resolves.toEqual(page('học tập'));
    await expect(first).rejects.toMatchObject({ code: 'quota', message: 'The browser has no more storage space' });
  });

  it('runs the waiting and later queries in place when the worker fails', async () => {
    const worker = new FakeWorker();
    const inPlace: LibraryQuery[] = [];
    const search = searchInWorker(worker as unknown as Worker, async (query) => {
      inPlace.push(query);
      return page(`in place: ${query.text}`);
    });
    const waiting = search({ text: 'dang' });
    worker.crash();
    await expect(waiting).resolves.toEqual(page('in place: dang'));
    await expect(search({ text: 'hoa' })).resolves.toEqual(page('in place: hoa'));
    expect(worker.terminated).toBe(true);
    expect(worker.posted).toHaveLength(1);
    expect(inPlace.map((q) => q.text)).toEqual(['dang', 'hoa']);
  });
});

describe('error messages', () => {
  it("words the store's known failures in the interface language, and keeps other causes as they are", () => {
    const vi = createTranslator('vi');
    const en = createTranslator('en');
    const full = new StoreError('quota', 'The browser has no more storage space for Sổ tay.');
    expect(errorText(full, vi)).toContain('Trình duyệt đã hết chỗ lưu cho Sổ tay');
    expect(errorText(full, en)).toContain('no more storage space');
    expect(errorText(new StoreError('not-found', 'Annotation abc not found'), vi)).toContain('Không tìm thấy');
    expect(errorText(new Error('Tệp không phải bản sao lưu Sổ tay'), vi)).toBe('Tệp không phải bản sao lưu Sổ tay');
  });
});
