/**
 * What the shared end-to-end scenarios need from a browser. One implementation drives Chromium with
 * playwright-core (chromium-driver.ts), the other Firefox ESR with puppeteer-core over WebDriver BiDi
 * (firefox-driver.ts); the scenarios (scenarios.ts) are written once against this interface and use
 * only what a user does: real mouse and keyboard input, what the page shows, files the browser saves.
 */
import { dragPointsFor, selectedText } from './page-scripts';

/** The ARIA roles the scenarios look for; elements are found by role and exact accessible name. */
export type Role = 'button' | 'combobox' | 'textbox' | 'link' | 'toolbar' | 'status';

export interface ScenarioPage {
  /** A real click (mouse) on the one element with this role and name, inside shadow roots too. */
  click(role: Role, name: string): Promise<void>;
  /** Clicks the field and types, key by key. */
  type(role: Role, name: string, text: string): Promise<void>;
  press(key: 'Enter' | 'Escape' | 'Tab'): Promise<void>;
  /** How many visible elements have this role and name. */
  count(role: Role, name: string): Promise<number>;
  /** Text of the element with this data-testid ('' when there is none). */
  textOf(testId: string): Promise<string>;
  /** Drags the mouse across the first appearance of `text`, as a reader selects it. */
  dragSelect(text: string): Promise<void>;
  /** Runs a self-contained function in the page (no closures: it is sent as source). */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  reload(): Promise<void>;
}

export interface SavedFile {
  fileName: string;
  text: string;
}

export interface ScenarioBrowser {
  readonly name: 'chromium' | 'firefox';
  /** A new tab on this URL, once loaded. */
  open(url: string): Promise<ScenarioPage>;
  /** Until Sổ tay's content script has reported the page and restored its highlights. */
  waitForSotay(page: ScenarioPage): Promise<void>;
  /** The popup, as the toolbar button shows it for this tab. */
  openPopupFor(page: ScenarioPage): Promise<ScenarioPage>;
  /** The library (the options page), on the view named by `hash` (e.g. "articles"; "" for highlights). */
  openLibrary(hash?: string): Promise<ScenarioPage>;
  /** Runs `action` (a click that starts a download) and returns the file the browser saved. */
  download(action: () => Promise<void>): Promise<SavedFile>;
  close(): Promise<void>;
}

/** The part of a playwright or puppeteer page that a drag needs (both have the same shape). */
interface DraggablePage {
  evaluate<R>(fn: () => R): Promise<R>;
  evaluate<A, R>(fn: (arg: A) => R, arg: A): Promise<R>;
  mouse: {
    move(x: number, y: number, options?: { steps?: number }): Promise<void>;
    down(): Promise<void>;
    up(): Promise<void>;
  };
}

/** Drags the mouse across the first appearance of `text` and checks the page selected exactly it. */
export async function dragToSelect(page: DraggablePage, text: string): Promise<void> {
  const { from, to } = await page.evaluate(dragPointsFor, text);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
  const selected = await page.evaluate(selectedText);
  if (selected !== text) throw new Error(`dragging selected "${selected}", not "${text}"`);
}
