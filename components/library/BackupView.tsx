import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Database } from '@/utils/db/database';
import { exportBackupParts, type ImportPreview } from '@/utils/db/backup';
import { commitStagedBackup, discardStagedBackup, previewStagedBackup, stageBackup, type StagedBackup } from '@/utils/db/import';
import { requestPersistence, storageUsage, type StorageUsage } from '@/utils/db/storage';
import type { Locale, Translate } from '@/utils/i18n';
import type { OptionsServices } from './services';
import { errorText, formatBytes, numberFormatter } from './format';

interface BackupViewProps {
  t: Translate;
  locale: Locale;
  db: Database;
  services: OptionsServices;
  onChanged(): void;
}

type ImportState =
  | { step: 'idle' }
  | { step: 'reading' }
  | { step: 'preview'; fileName: string; staged: StagedBackup; preview: ImportPreview }
  | { step: 'importing' }
  | { step: 'done'; result: ImportPreview }
  | { step: 'failed'; message: string };

export function BackupView(props: BackupViewProps) {
  const { t, locale, db, services } = props;
  const numbers = useMemo(() => numberFormatter(locale), [locale]);
  const [exporting, setExporting] = useState(false);
  const [exportStatus, setExportStatus] = useState('');
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [usage, setUsage] = useState<StorageUsage | undefined>();
  const [persisted, setPersisted] = useState<boolean | undefined>();

  useEffect(() => {
    void storageUsage().then(setUsage, () => setUsage({ supported: false }));
    void navigator.storage?.persisted?.().then(setPersisted, () => setPersisted(undefined));
  }, []);

  async function exportAll() {
    setExporting(true);
    try {
      // Each chunk joins the Blob at once, so the page holds one chunk of text at a time, not the whole file.
      let file = new Blob([], { type: 'application/ld+json' });
      for await (const part of exportBackupParts(db)) file = new Blob([file, part], { type: 'application/ld+json' });
      const stamp = new Date().toISOString().slice(0, 10);
      services.download(file, `so-tay-backup-${stamp}.json`);
      setExportStatus(t('backupExported'));
    } catch (error) {
      setExportStatus(t('errorMessage', errorText(error, t)));
    } finally {
      setExporting(false);
    }
  }

  async function chooseFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setState({ step: 'reading' });
    try {
      // The file is streamed into staging (utils/db/import.ts): memory stays bounded however large it is,
      // and nothing reaches the library until the user confirms the preview.
      const staged = await stageBackup(db, file);
      const preview = await previewStagedBackup(db, staged);
      setState({ step: 'preview', fileName: file.name, staged, preview });
    } catch (error) {
      setState({ step: 'failed', message: errorText(error, t) });
    } finally {
      input.value = '';
    }
  }

  async function confirmImport(staged: StagedBackup) {
    setState({ step: 'importing' });
    try {
      const result = await commitStagedBackup(db, staged);
      setState({ step: 'done', result });
      props.onChanged();
      void storageUsage().then(setUsage);
    } catch (error) {
      setState({ step: 'failed', message: errorText(error, t) });
    }
  }

  function cancelImport() {
    setState({ step: 'idle' });
    void discardStagedBackup(db).catch(() => undefined);
  }

  async function askPersistence() {
    const answer = await requestPersistence();
    setPersisted(answer.persisted);
  }

  return (
    <section aria-labelledby="backup-heading" class="backup">
      <h2 id="backup-heading">{t('backupHeading')}</h2>

      <h3>{t('backupExportHeading')}</h3>
      <p class="meta">{t('backupExportHelp')}</p>
      <button type="button" onClick={() => void exportAll()} disabled={exporting}>{t('backupExport')}</button>
      <p class="status" role="status">{exportStatus}</p>

      <h3>{t('backupImportHeading')}</h3>
      <label class="file">
        <span>{t('backupChooseFile')}</span>
        <input type="file" accept=".json,application/json,application/ld+json" onChange={(e) => void chooseFile(e.currentTarget as HTMLInputElement)} />
      </label>
      <div role="status" class="import-state">
        {state.step === 'reading' && <p>{t('loading')}</p>}
        {state.step === 'importing' && <p>{t('backupImporting')}</p>}
        {state.step === 'preview' && (
          <div class="preview" data-testid="import-preview">
            <p>{t('backupPreviewOf', state.fileName)}</p>
            <ul>
              <li>{t('backupPreviewArticles', numbers.format(state.preview.articles))}</li>
              <li>{t('backupPreviewHighlights', numbers.format(state.preview.annotations))}</li>
              <li>{t('backupPreviewNew', numbers.format(state.preview.new))}</li>
              <li>{t('backupPreviewUpdated', numbers.format(state.preview.updated))}</li>
              <li>{t('backupPreviewUnchanged', numbers.format(state.preview.unchanged))}</li>
            </ul>
            <div class="actions">
              <button type="button" onClick={() => void confirmImport(state.staged)}>{t('backupConfirm')}</button>
              <button type="button" class="secondary" onClick={cancelImport}>{t('libCancel')}</button>
            </div>
          </div>
        )}
        {state.step === 'done' && (
          <p data-testid="import-result">
            {t('backupImported', numbers.format(state.result.new), numbers.format(state.result.updated), numbers.format(state.result.unchanged))}
          </p>
        )}
      </div>
      {state.step === 'failed' && <p role="alert" class="error">{t('backupFailed', state.message)}</p>}

      <h3>{t('backupStorageHeading')}</h3>
      <p data-testid="storage-usage">
        {usage?.supported && usage.usage !== undefined
          ? t('backupStorageUsed', formatBytes(usage.usage, locale))
          : usage
            ? t('backupStorageUnknown')
            : t('loading')}
      </p>
      <p>{persisted === undefined ? t('backupPersistUnknown') : persisted ? t('backupPersistYes') : t('backupPersistNo')}</p>
      {persisted !== true && (
        <button type="button" class="secondary" onClick={() => void askPersistence()}>{t('backupPersistAsk')}</button>
      )}
    </section>
  );
}
