import { useState } from 'preact/hooks';
import { HIGHLIGHT_COLORS, type HighlightColor } from '@/utils/model/types';
import { BUILTIN_PORTALS } from '@/utils/portals/builtin';
import type { Translate, MessageKey } from '@/utils/i18n';
import type { ExportGroupingSetting, ExportPreferences, LocaleSetting, Settings } from '@/utils/settings/settings';
import { checkDomain, displayDomain, type DomainProblem } from '@/utils/settings/domains';
import type { OptionsServices } from './services';
import { COLOR_KEYS } from './LibraryView';
import { errorText } from './format';

const DOMAIN_PROBLEMS: Record<DomainProblem, MessageKey> = {
  empty: 'settingsDomainEmpty',
  'not-a-domain': 'settingsDomainInvalid',
  'ip-address': 'settingsDomainIp',
  wildcard: 'settingsDomainWildcard',
  'has-path': 'settingsDomainPath',
};

interface SettingsViewProps {
  t: Translate;
  settings: Settings;
  services: OptionsServices;
  /** Saves and re-renders the page (a language change switches every string). */
  onChange(settings: Settings): Promise<void>;
}

export function SettingsView(props: SettingsViewProps) {
  const { t, settings, services } = props;
  const [domainInput, setDomainInput] = useState('');
  const [domainStatus, setDomainStatus] = useState('');
  const [domainError, setDomainError] = useState('');
  const save = (patch: Partial<Settings>) => void props.onChange({ ...settings, ...patch });

  function addDomain(event: Event) {
    event.preventDefault();
    const check = checkDomain(domainInput);
    if (!check.ok) {
      setDomainError(t(DOMAIN_PROBLEMS[check.problem]));
      return;
    }
    const domain = check.domain;
    if (settings.customDomains.includes(domain)) {
      setDomainError(t('settingsDomainExists', displayDomain(domain)));
      return;
    }
    setDomainError('');
    // Called synchronously in the submit handler: the permission prompt needs the user's gesture.
    const asking = services.requestDomainPermission(domain);
    void (async () => {
      try {
        if (!(await asking)) {
          setDomainStatus(t('settingsDomainRefused', displayDomain(domain)));
          return;
        }
        await services.registerDomainScript(domain);
        await props.onChange({ ...settings, customDomains: [...settings.customDomains, domain] });
        setDomainInput('');
        setDomainStatus(t('settingsDomainAdded', displayDomain(domain)));
      } catch (error) {
        setDomainStatus(t('errorMessage', errorText(error, t)));
      }
    })();
  }

  async function removeDomain(domain: string) {
    try {
      await services.unregisterDomainScript(domain);
      await props.onChange({ ...settings, customDomains: settings.customDomains.filter((d) => d !== domain) });
      // The script no longer runs there whatever happens next; a permission the browser will not take
      // back (e.g. one an administrator granted) is reported rather than blocking the removal.
      await services.releaseDomainPermission(domain);
      setDomainStatus(t('settingsDomainRemoved', displayDomain(domain)));
    } catch (error) {
      setDomainStatus(t('errorMessage', errorText(error, t)));
    }
  }

  const exportPrefs = settings.exportOptions;
  const setExport = (patch: Partial<ExportPreferences>) => save({ exportOptions: { ...exportPrefs, ...patch } });

  return (
    <section aria-labelledby="settings-heading" class="settings">
      <h2 id="settings-heading">{t('settingsHeading')}</h2>

      <fieldset>
        <legend>{t('settingsLanguage')}</legend>
        {(['auto', 'vi', 'en'] as LocaleSetting[]).map((value) => (
          <label class="check" key={value}>
            <input type="radio" name="locale" value={value} checked={settings.locale === value} onChange={() => save({ locale: value })} />
            <span>{t(value === 'auto' ? 'settingsLanguageAuto' : value === 'vi' ? 'settingsLanguageVi' : 'settingsLanguageEn')}</span>
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('settingsPortals')}</legend>
        <p class="meta">{t('settingsPortalsHelp')}</p>
        <ul class="plain">
          {BUILTIN_PORTALS.map((portal) => {
            const on = !settings.disabledPortals.includes(portal.id);
            return (
              <li key={portal.id}>
                <label class="check">
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={() =>
                      save({ disabledPortals: on ? [...settings.disabledPortals, portal.id] : settings.disabledPortals.filter((id) => id !== portal.id) })
                    }
                  />
                  <span>{portal.label}</span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>

      <fieldset>
        <legend>{t('settingsDomains')}</legend>
        <p class="meta">{t('settingsDomainsHelp')}</p>
        {settings.customDomains.length > 0 && (
          <ul class="plain" data-testid="custom-domains">
            {settings.customDomains.map((domain) => (
              <li key={domain}>
                <span>{displayDomain(domain)}</span>{' '}
                <button type="button" class="link danger" onClick={() => void removeDomain(domain)} aria-label={t('settingsDomainRemove', displayDomain(domain))}>
                  {t('settingsRemove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form class="inline" onSubmit={addDomain}>
          <label>
            <span>{t('settingsDomainLabel')}</span>
            <input
              value={domainInput}
              placeholder="thuvienphapluat.vn"
              aria-invalid={domainError ? 'true' : undefined}
              aria-describedby={domainError ? 'domain-error' : undefined}
              onInput={(e) => setDomainInput((e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <button type="submit">{t('settingsDomainAdd')}</button>
        </form>
        {domainError && <p id="domain-error" class="error">{domainError}</p>}
        <p class="status" role="status">{domainStatus}</p>
      </fieldset>

      <fieldset>
        <legend>{t('settingsDefaultColor')}</legend>
        {HIGHLIGHT_COLORS.map((color: HighlightColor) => (
          <label class="check" key={color}>
            <input type="radio" name="default-color" checked={settings.defaultColor === color} onChange={() => save({ defaultColor: color })} />
            <span class={`dot swatch-${color}`} aria-hidden="true" />
            <span>{t(COLOR_KEYS[color])}</span>
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('settingsExport')}</legend>
        <label class="check">
          <input type="checkbox" checked={exportPrefs.includeNotes} onChange={() => setExport({ includeNotes: !exportPrefs.includeNotes })} />
          <span>{t('settingsExportNotes')}</span>
        </label>
        <label class="check">
          <input type="checkbox" checked={exportPrefs.includeTags} onChange={() => setExport({ includeTags: !exportPrefs.includeTags })} />
          <span>{t('settingsExportTags')}</span>
        </label>
        <label class="check">
          <input type="checkbox" checked={exportPrefs.includeLinks} onChange={() => setExport({ includeLinks: !exportPrefs.includeLinks })} />
          <span>{t('settingsExportLinks')}</span>
        </label>
        <label>
          <span>{t('settingsExportGroup')}</span>{' '}
          <select value={exportPrefs.groupBy} onChange={(e) => setExport({ groupBy: (e.currentTarget as HTMLSelectElement).value as ExportGroupingSetting })}>
            <option value="none">{t('settingsGroupNone')}</option>
            <option value="color">{t('settingsGroupColor')}</option>
            <option value="tag">{t('settingsGroupTag')}</option>
          </select>
        </label>
      </fieldset>
    </section>
  );
}
