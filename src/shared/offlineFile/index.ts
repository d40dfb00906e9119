// The circa-offline file format: see docs/offline-file-format.md.
export * from './format.ts';
export { formatOfflineFileError } from './errors.ts';
export type { FileInput } from './text.ts';
export { StrictOfflineTransaction } from './transactions.ts';
export { readOfflineFile, type OfflineFileReadResult } from './read.ts';
export { writeOfflineFile, OfflineFileWriteError, type WriteOfflineFileProps } from './write.ts';
export { detectOfflineFileKind, type OfflineFileKind } from './detect.ts';
