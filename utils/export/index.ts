/** Markdown export: pure functions that run alike in the extension and in Node. */
export { articleToMarkdown, articleBody, articleTags, inPageOrder, DEFAULT_EXPORT_OPTIONS } from './article';
export type { ExportOptions, ExportGrouping } from './article';
export { libraryToZip, libraryToMarkdown, libraryFileNames, INDEX_FILE_NAME } from './library';
export type { LibraryItem, LibraryExportOptions, ExportProgress } from './library';
export { textFragmentLink, textDirectiveFor, formatTextDirective, encodeFragmentTerm, stripFragment } from './fragment';
export { safeBaseName, uniqueFileNames, fileLinkTarget, MAX_NAME_BYTES } from './filenames';
export { escapeInline, escapeParagraphs, escapePageParagraphs, tagSlug } from './escape';
export { EXPORT_LABELS } from './labels';
export type { ExportLocale, ExportLabels } from './labels';
