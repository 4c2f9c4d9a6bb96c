/**
 * User settings, kept in storage.local (small, synced to nothing). Read through parseSettings so a
 * damaged or older record falls back to defaults field by field instead of breaking the extension.
 */
import { HIGHLIGHT_COLORS, type HighlightColor } from '../model/types';
import { isPlainObject } from '../messaging/guard';
import { checkDomain } from './domains';

export type LocaleSetting = 'auto' | 'vi' | 'en';

export interface Settings {
  defaultColor: HighlightColor;
  locale: LocaleSetting;
  /** Built-in portal ids the user turned off. */
  disabledPortals: string[];
  /** Domains the user added (ASCII form, see domains.ts); each has its own host permission. */
  customDomains: string[];
  /** How Markdown exports from the library are written. */
  exportOptions: ExportPreferences;
}

export type ExportGroupingSetting = 'none' | 'color' | 'tag';

export interface ExportPreferences {
  includeNotes: boolean;
  includeTags: boolean;
  includeLinks: boolean;
  groupBy: ExportGroupingSetting;
}

export const DEFAULT_EXPORT_PREFERENCES: ExportPreferences = { includeNotes: true, includeTags: true, includeLinks: true, groupBy: 'none' };

export const DEFAULT_SETTINGS: Settings = {
  defaultColor: 'yellow',
  locale: 'auto',
  disabledPortals: [],
  customDomains: [],
  exportOptions: { ...DEFAULT_EXPORT_PREFERENCES },
};

function parseExportPreferences(raw: unknown): ExportPreferences {
  if (!isPlainObject(raw)) return { ...DEFAULT_EXPORT_PREFERENCES };
  const flag = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);
  const d = DEFAULT_EXPORT_PREFERENCES;
  return {
    includeNotes: flag(raw.includeNotes, d.includeNotes),
    includeTags: flag(raw.includeTags, d.includeTags),
    includeLinks: flag(raw.includeLinks, d.includeLinks),
    groupBy: raw.groupBy === 'color' || raw.groupBy === 'tag' || raw.groupBy === 'none' ? raw.groupBy : d.groupBy,
  };
}
export const SETTINGS_KEY = 'settings';

export function parseSettings(raw: unknown): Settings {
  if (!isPlainObject(raw)) return { ...DEFAULT_SETTINGS };
  const color = HIGHLIGHT_COLORS.includes(raw.defaultColor as HighlightColor) ? (raw.defaultColor as HighlightColor) : DEFAULT_SETTINGS.defaultColor;
  const locale = raw.locale === 'vi' || raw.locale === 'en' || raw.locale === 'auto' ? raw.locale : DEFAULT_SETTINGS.locale;
  const disabled = Array.isArray(raw.disabledPortals)
    ? raw.disabledPortals.filter((id): id is string => typeof id === 'string' && id.length < 100).slice(0, 200)
    : [];
  const domains = Array.isArray(raw.customDomains)
    ? [...new Set(raw.customDomains.filter((d): d is string => typeof d === 'string' && d.length <= 253 && checkDomain(d).ok))]
        .map((d) => (checkDomain(d) as { domain: string }).domain)
        .slice(0, 500)
    : [];
  return {
    defaultColor: color,
    locale,
    disabledPortals: disabled,
    customDomains: [...new Set(domains)],
    exportOptions: parseExportPreferences(raw.exportOptions),
  };
}
