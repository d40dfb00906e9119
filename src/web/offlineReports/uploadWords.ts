// How an upload is named on the list and on its report.
import type { OfflineUpload, OfflineUploadSource } from '../../shared/api/offline.ts';

export const SOURCE_NAMES: Record<OfflineUploadSource, string> = {
  client: 'Sent by the offline client',
  file: 'Offline file',
  koc: 'Koha .koc file',
};

/** "Offline file desk1.jsonl", "Sent by the offline client". */
export function describeSource(upload: Pick<OfflineUpload, 'source' | 'fileName'>): string {
  const name = SOURCE_NAMES[upload.source];
  return upload.fileName ? `${name} ${upload.fileName}` : name;
}
