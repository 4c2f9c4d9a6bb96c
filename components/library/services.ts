/**
 * Everything the options page needs from the outside world, behind one interface: the real browser
 * implementation lives in browser-services.ts, unit tests pass fakes. The store itself is used directly
 * (the options page shares the extension origin's IndexedDB with the background).
 */
import type { Annotation, HighlightColor } from '@/utils/model/types';
import type { Database } from '@/utils/db/database';
import type { Settings } from '@/utils/settings/settings';
import type { LibrarySearch } from './queries';

export interface AnnotationEdit {
  color?: HighlightColor;
  tags?: string[];
  note?: string;
}

export interface OptionsServices {
  openDb(): Promise<Database>;
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  /**
   * Ask for the host permission of one domain. Browsers grant it only during a user gesture, so
   * implementations call the browser before any await and callers call this straight from a click.
   */
  requestDomainPermission(domain: string): Promise<boolean>;
  releaseDomainPermission(domain: string): Promise<void>;
  registerDomainScript(domain: string): Promise<void>;
  unregisterDomainScript(domain: string): Promise<void>;
  /** Changes that open tabs must repaint go through the background, which tells those tabs. */
  updateAnnotation(id: string, changes: AnnotationEdit): Promise<Annotation>;
  deleteAnnotation(id: string): Promise<void>;
  undeleteAnnotation(id: string): Promise<Annotation>;
  /** Where library queries run (a worker in the extension); in place on `db` when absent. */
  librarySearch?(db: Database): LibrarySearch;
  /** Offer a file to the user (an <a download> link to a blob). */
  download(blob: Blob, fileName: string): void;
}

export function downloadWithLink(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
