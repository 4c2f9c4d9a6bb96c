/**
 * User settings, kept in storage.local (small, synced to nothing). Read through parseSettings so a
 * damaged or older record falls back to defaults field by field instead of breaking the extension.
 */
import { HIGHLIGHT_COLORS, type HighlightColor } from '../model/types';
import { isPlainObject } from '../messaging/guard';

export type LocaleSetting = 'auto' | 'vi' | 'en';

export interface Settings {
  defaultColor: HighlightColor;
  locale: LocaleSetting;
  /** Built-in portal ids the user turned off. */
  disabledPortals: string[];
}

export const DEFAULT_SETTINGS: Settings = { defaultColor: 'yellow', locale: 'auto', disabledPortals: [] };
export const SETTINGS_KEY = 'settings';

export function parseSettings(raw: unknown): Settings {
  if (!isPlainObject(raw)) return { ...DEFAULT_SETTINGS };
  const color = HIGHLIGHT_COLORS.includes(raw.defaultColor as HighlightColor) ? (raw.defaultColor as HighlightColor) : DEFAULT_SETTINGS.defaultColor;
  const locale = raw.locale === 'vi' || raw.locale === 'en' || raw.locale === 'auto' ? raw.locale : DEFAULT_SETTINGS.locale;
  const disabled = Array.isArray(raw.disabledPortals)
    ? raw.disabledPortals.filter((id): id is string => typeof id === 'string' && id.length < 100).slice(0, 200)
    : [];
  return { defaultColor: color, locale, disabledPortals: disabled };
}
