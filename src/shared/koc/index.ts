// Koha offline circulation (.koc) files: see docs/offline-file-format.md, "Koha .koc files".
export {
  readKocFile,
  KOC_FILE_VERSION,
  type KocFileHeader,
  type KocFileReadResult,
  type ReadKocFileOptions,
} from './read.ts';
export { kocTransactionId, KOC_ID_NAMESPACE } from './ids.ts';
