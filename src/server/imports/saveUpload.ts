// An uploaded import file goes straight to disk as it arrives, never whole into memory, and stops at
// the size limit: the part written is removed and the sender is told, so a 2 GB upload fills
// neither the memory nor the disk.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class UploadTooLargeError extends Error {
  override name = 'UploadTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`The upload is larger than ${maxBytes} bytes.`);
  }
}

export interface SavedUpload {
  path: string;
  bytes: number;
}

export async function saveUpload(props: {
  body: AsyncIterable<Uint8Array> | NodeJS.ReadableStream;
  directory: string;
  maxBytes: number;
}): Promise<SavedUpload> {
  await mkdir(props.directory, { recursive: true });
  const path = join(props.directory, `import-${Date.now()}-${randomUUID()}.upload`);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > props.maxBytes) done(new UploadTooLargeError(props.maxBytes));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(props.body, limit, createWriteStream(path, { flags: 'wx' }));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, bytes };
}

/** Removes an import's file once it is no longer needed (applied, cancelled or failed). */
export async function removeImportFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
