// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { openDatabase, type Database } from '@/utils/db/database';
import { upsertArticle } from '@/utils/db/articles';
import { createAnnotation, deleteAnnotation, getAnnotation, restoreAnnotation, updateAnnotation, type DeletedAnnotation } from '@/utils/db/annotations';
import { queryLibrary } from '@/utils/db/library';
import { createTranslator } from '@/utils/i18n';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings/settings';
import { EMPTY_FILTERS, FIRST_PAGE_SIZE, LibraryView, ROW_HEIGHT, type LibraryFilters } from '@/components/library/LibraryView';
import { listSites, OptionsApp } from '@/components/OptionsApp';
import { ARTICLES_PAGE, ArticlesView } from '@/components/library/ArticlesView';
import type { OptionsServices } from '@/components/library/services';

const HANOI = 'https://hanoi.gov.vn/tin-tuc/lan-toa-phong-trao-4230612101530123.htm';
const BCP = 'https://baochinhphu.vn/thu-tuong-chu-tri-hoi-nghi-102250828203600123.htm';
const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);

let host: HTMLElement;
afterEach(() => {
  act(() => render(null, host));
  host?.remove();
  location.hash = '';
});

async function until<T>(read: () => T | undefined | null | false, timeout = 4000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error('condition not met in time');
    await act(() => new Promise((r) => setTimeout(r, 20)));
  }
}

function target(quote: string) {
  return {
    scope: 'article' as const,
    quote: { type: 'TextQuoteSelector' as const, exact: quote, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector' as const, start: 0, end: quote.length },
  };
}

async function library(extra = 0): Promise<Database> {
  const db = await openDatabase({ name: `lib-${Math.random()}` });
  await upsertArticle(db, { url: HANOI, meta: { title: 'Lan tỏa phong trào thi đua' } }, T0);
  await upsertArticle(db, { url: BCP, meta: { title: 'Thủ tướng chủ trì hội nghị' } }, T0);
  await createAnnotation(db, { articleUrl: HANOI, target: target('Học tập là việc cả đời'), color: 'green', tags: ['giáo dục'] }, { now: T0 + 1000 });
  await createAnnotation(db, { articleUrl: BCP, target: target('<b>không phải</b> thẻ HTML'), color: 'yellow', note: 'ghi chú <i>thử</i>' }, { now: T0 + 2000 });
  for (let i = 0; i < extra; i++) {
    await createAnnotation(db, { articleUrl: BCP, target: target(`đoạn số ${i}`), color: 'blue' }, { now: T0 + 3000 + i });
  }
  return db;
}

function fakeServices(db: Database, overrides: Partial<OptionsServices> = {}): OptionsServices {
  let settings: Settings = structuredClone(DEFAULT_SETTINGS);
  const deleted = new Map<string, DeletedAnnotation>();
  return {
    openDb: async () => db,
    loadSettings: async () => settings,
    saveSettings: async (next) => {
      settings = next;
    },
    requestDomainPermission: vi.fn(async () => true),
    releaseDomainPermission: vi.fn(async () => undefined),
    registerDomainScript: vi.fn(async () => undefined),
    unregisterDomainScript: vi.fn(async () => undefined),
    updateAnnotation: (id, changes) => updateAnnotation(db, id, changes),
    deleteAnnotation: async (id) => {
      deleted.set(id, await deleteAnnotation(db, id));
    },
    undeleteAnnotation: (id) => restoreAnnotation(db, deleted.get(id)!),
    download: vi.fn(),
    ...overrides,
  };
}

function mountLibrary(db: Database, services = fakeServices(db)) {
  host = document.createElement('div');
  document.body.append(host);
  let filters: LibraryFilters = EMPTY_FILTERS;
  const draw = () =>
    render(
      <LibraryView
        t={createTranslator('vi')}
        locale="vi"
        db={db}
        services={services}
        tags={[]}
        sites={[]}
        exportPrefs={DEFAULT_SETTINGS.exportOptions}
        filters={filters}
        onFilters={(next) => {
          filters = next;
          draw();
        }}
        onChanged={() => undefined}
        viewportHeight={600}
      />,
      host,
    );
  act(draw);
  return services;
}

const rowTexts = () => [...host.querySelectorAll('[data-testid="highlight-row"]')].map((row) => row.textContent ?? '');

describe('library view', () => {
  it('shows a first screen of rows at once, loads the next page behind it, and renders only the rows in view', async () => {
    const db = await library(300);
    mountLibrary(db);
    // First page (FIRST_PAGE_SIZE) and, because the list's end is near, the next page of 200.
    await until(() => host.querySelector('[data-testid="result-count"]')?.textContent?.includes(String(FIRST_PAGE_SIZE + 200)));
    const rendered = host.querySelectorAll('[data-testid="highlight-row"]').length;
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThanOrEqual(Math.ceil(600 / ROW_HEIGHT) + 1 + 12);
    const list = host.querySelector('ul.rows') as HTMLElement;
    expect(list.style.height).toBe(`${(FIRST_PAGE_SIZE + 200) * ROW_HEIGHT}px`);
  }, 30_000);

  it('a new search replaces the list: its first pages once, never appended to the previous list', async () => {
    const db = await library(300);
    mountLibrary(db);
    const count = () => host.querySelector('[data-testid="result-count"]')?.textContent ?? '';
    await until(() => count().includes(String(FIRST_PAGE_SIZE + 200)));
    const search = host.querySelector('input[type="search"]') as HTMLInputElement;
    act(() => {
      search.value = 'doan so';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    // Past the typing pause: the search has started.
    await act(() => new Promise((r) => setTimeout(r, 250)));
    await until(() => count().includes(String(FIRST_PAGE_SIZE + 200)));
    await act(() => new Promise((r) => setTimeout(r, 300)));
    expect(count()).toContain(String(FIRST_PAGE_SIZE + 200));
    const quotes = [...host.querySelectorAll('.quote')].map((q) => q.textContent);
    expect(new Set(quotes).size).toBe(quotes.length);
    expect(quotes.every((q) => q?.startsWith('đoạn số'))).toBe(true);
  }, 30_000);

  it('shows quotes and notes containing markup as literal text', async () => {
    const db = await library();
    mountLibrary(db);
    await until(() => rowTexts().length === 2);
    expect(rowTexts()[0]).toContain('<b>không phải</b> thẻ HTML');
    expect(rowTexts()[0]).toContain('ghi chú <i>thử</i>');
    expect(host.querySelector('.rows b, .rows i')).toBeNull();
  });

  it('searches as you type without accents: "hoc tap" finds "Học tập"', async () => {
    const db = await library();
    mountLibrary(db);
    await until(() => rowTexts().length === 2);
    const search = host.querySelector('input[type="search"]') as HTMLInputElement;
    act(() => {
      search.value = 'hoc tap';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await until(() => rowTexts().length === 1);
    expect(rowTexts()[0]).toContain('Học tập là việc cả đời');
  });

  it('runs one search when typing pauses, not one per key, and ignores spacing alone', async () => {
    const db = await library();
    const searches: (string | undefined)[] = [];
    mountLibrary(
      db,
      fakeServices(db, {
        librarySearch: (opened) => (query) => {
          searches.push(query.text);
          return queryLibrary(opened, query);
        },
      }),
    );
    await until(() => rowTexts().length === 2);
    const search = host.querySelector('input[type="search"]') as HTMLInputElement;
    const type = (value: string) =>
      act(() => {
        search.value = value;
        search.dispatchEvent(new Event('input', { bubbles: true }));
      });
    for (const value of ['h', 'ho', 'hoc', 'hoc ', 'hoc t', 'hoc ta', 'hoc tap']) type(value);
    await until(() => rowTexts().length === 1);
    expect(searches).toEqual([undefined, 'hoc tap']);
    type('hoc tap ');
    await act(() => new Promise((r) => setTimeout(r, 400)));
    expect(searches).toEqual([undefined, 'hoc tap']);
  });

  it('sorted by article, groups highlights under each article\'s title and site, articles A→Z', async () => {
    const db = await library();
    await createAnnotation(db, { articleUrl: HANOI, target: { ...target('phong trào thi đua'), position: { type: 'TextPositionSelector', start: 50, end: 68 } }, color: 'pink' }, { now: T0 + 5000 });
    mountLibrary(db);
    await until(() => rowTexts().length === 3);
    const sort = [...host.querySelectorAll('select')].find((s) => s.closest('label')?.textContent?.includes('Sắp xếp'))!;
    act(() => {
      sort.value = 'article';
      sort.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(() => host.querySelectorAll('[data-testid="article-header"]').length === 2);
    const entries = [...host.querySelectorAll('ul.rows > li')]
      .sort((a, b) => parseFloat((a as HTMLElement).style.top) - parseFloat((b as HTMLElement).style.top))
      .map((li) => (li.getAttribute('data-testid') === 'article-header' ? `# ${li.querySelector('h3')!.textContent}` : li.querySelector('.quote')!.textContent));
    expect(entries).toEqual([
      '# Lan tỏa phong trào thi đua',
      'Học tập là việc cả đời',
      'phong trào thi đua',
      '# Thủ tướng chủ trì hội nghị',
      '<b>không phải</b> thẻ HTML',
    ]);
    const header = host.querySelector('[data-testid="article-header"]')!;
    expect(header.querySelector('h3 a')!.getAttribute('href')).toBe(HANOI);
    expect(header.textContent).toContain('hanoi.gov.vn');
  });

  it('deletes a highlight and restores it with Undo', async () => {
    const db = await library();
    mountLibrary(db);
    await until(() => rowTexts().length === 2);
    const row = [...host.querySelectorAll('[data-testid="highlight-row"]')].find((r) => r.textContent?.includes('Học tập'))!;
    const remove = [...row.querySelectorAll('button')].find((b) => b.textContent === 'Xóa đánh dấu')!;
    await act(async () => remove.click());
    await until(() => rowTexts().length === 1);
    const undo = await until(() => [...host.querySelectorAll('button')].find((b) => b.textContent === 'Hoàn tác'));
    await act(async () => undo.click());
    await until(() => rowTexts().length === 2);
  });

  it('edits tags and note in place', async () => {
    const db = await library();
    mountLibrary(db);
    await until(() => rowTexts().length === 2);
    const row = [...host.querySelectorAll('[data-testid="highlight-row"]')].find((r) => r.textContent?.includes('Học tập'))!;
    act(() => [...row.querySelectorAll('button')].find((b) => b.textContent === 'Sửa thẻ và ghi chú')!.click());
    const [tags] = row.querySelectorAll('form.edit input') as unknown as HTMLInputElement[];
    const note = row.querySelector('form.edit textarea') as HTMLTextAreaElement;
    act(() => {
      tags!.value = 'giáo dục, Hà Nội';
      tags!.dispatchEvent(new Event('input', { bubbles: true }));
      note.value = 'Đọc lại';
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => (row.querySelector('form.edit button[type="submit"]') as HTMLButtonElement).click());
    await until(() => rowTexts().some((text) => text.includes('#giáo dục #Hà Nội') && text.includes('Đọc lại')));
    const page = await queryLibrary(db, { text: 'hoc tap' });
    expect((await getAnnotation(db, page.items[0]!.id))?.tags).toEqual(['giáo dục', 'Hà Nội']);
  });
});

describe('site filter', () => {
  it('lists each site once, including one whose name starts with another site\'s', async () => {
    host = document.createElement('div');
    document.body.append(host);
    const db = await library(3);
    const url = 'https://baochinhphu.vn.example.net/tin/bai-1.htm';
    await upsertArticle(db, { url, meta: { title: 'Trang giống tên' } }, T0);
    await createAnnotation(db, { articleUrl: url, target: target('một đoạn'), color: 'blue' }, { now: T0 + 9000 });
    expect(await listSites(db)).toEqual(['baochinhphu.vn', 'baochinhphu.vn.example.net', 'hanoi.gov.vn']);
  });
});

describe('articles view', () => {
  it('lists the most recently visited articles a page at a time, with their counts and the total', async () => {
    const db = await library();
    for (let i = 0; i < ARTICLES_PAGE + 3; i++) {
      await upsertArticle(db, { url: `https://quochoi.vn/tin-tuc/bai-${i}.htm`, meta: { title: `Bài số ${i}` } }, T0 + 10_000 + i);
    }
    host = document.createElement('div');
    document.body.append(host);
    act(() => render(<ArticlesView t={createTranslator('vi')} locale="vi" db={db} onOpen={() => undefined} />, host));
    const bodyRows = () => [...host.querySelectorAll('tbody tr')];
    await until(() => bodyRows().length === ARTICLES_PAGE);
    const total = ARTICLES_PAGE + 5;
    expect(host.querySelector('[data-testid="articles-count"]')!.textContent).toContain(`${ARTICLES_PAGE} trên ${total} bài viết`);
    expect(bodyRows()[0]!.textContent).toContain(`Bài số ${ARTICLES_PAGE + 2}`);
    const more = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Xem thêm bài viết')!;
    act(() => more.click());
    await until(() => bodyRows().length === total);
    // The two articles with highlights were visited first, so they come last, with their counts.
    expect(bodyRows().slice(-2).map((row) => row.lastElementChild!.textContent)).toEqual(['1', '1']);
    expect([...host.querySelectorAll('button')].some((b) => b.textContent === 'Xem thêm bài viết')).toBe(false);
  }, 30_000);
});

describe('options page', () => {
  function mountApp(services: OptionsServices) {
    host = document.createElement('div');
    document.body.append(host);
    act(() => render(<OptionsApp locale="vi" services={services} resolve={(s) => (s === 'en' ? 'en' : 'vi')} />, host));
  }

  it('switches every string to English when the language setting changes', async () => {
    const db = await library();
    location.hash = 'settings';
    mountApp(fakeServices(db));
    await until(() => host.querySelector('h2')?.textContent === 'Cài đặt chung');
    const english = [...host.querySelectorAll('input[name="locale"]')][2] as HTMLInputElement;
    await act(async () => english.click());
    await until(() => host.querySelector('h2')?.textContent === 'Settings');
    expect(host.querySelector('nav')?.textContent).toContain('Highlights');
    expect(document.documentElement.lang).toBe('en');
  });

  it('asks for a domain permission only for a valid domain, then registers the script', async () => {
    const db = await library();
    location.hash = 'settings';
    const services = fakeServices(db);
    mountApp(services);
    const input = await until(() => host.querySelector('form.inline input') as HTMLInputElement | null);
    const submit = () => act(() => (host.querySelector('form.inline button[type="submit"]') as HTMLButtonElement).click());
    act(() => {
      input.value = '*.example.org';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    submit();
    expect(host.textContent).toContain('Bỏ dấu “*”');
    expect(services.requestDomainPermission).not.toHaveBeenCalled();
    act(() => {
      input.value = 'Tintuc.Example.org';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    submit();
    // Synchronously, in the same handler as the click.
    expect(services.requestDomainPermission).toHaveBeenCalledWith('tintuc.example.org');
    await until(() => host.querySelector('[data-testid="custom-domains"]')?.textContent?.includes('tintuc.example.org'));
    expect(services.registerDomainScript).toHaveBeenCalledWith('tintuc.example.org');
  });
});
