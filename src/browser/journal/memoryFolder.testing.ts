// A journal folder in memory for unit tests: files as text, a modification clock, a switch that
// makes every write fail (a read-only or removed folder), and a permission to withdraw. Like
// Chromium, a write is seen only once the writable is closed, and reading and writing take a turn
// of the event loop as a disk does.
import type {
  JournalFileHandle,
  JournalFolderHandle,
  JournalPermission,
} from './fileSystemAccess.ts';

export interface MemoryFolder extends JournalFolderHandle {
  files: Map<string, string>;
  /** Set to make createWritable() throw, as a read-only folder does. */
  failWrites: boolean;
  permission: JournalPermission;
  /** How many writables were closed (whole files written). */
  writes: number;
}

/** A disk takes its time: other tasks (another tab's write) run between reading and writing. */
const diskDelay = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function createMemoryFolder(name = 'Journal'): MemoryFolder {
  let clock = 1;
  const modified = new Map<string, number>();
  const folder: MemoryFolder = {
    name,
    files: new Map(),
    failWrites: false,
    permission: 'granted',
    writes: 0,
    async getFileHandle(fileName, options) {
      if (!folder.files.has(fileName)) {
        if (!options?.create) throw new DOMException(`${fileName} not found`, 'NotFoundError');
        folder.files.set(fileName, '');
        modified.set(fileName, clock++);
      }
      return fileHandle(fileName);
    },
    async *keys() {
      yield* folder.files.keys();
    },
    async queryPermission() {
      return folder.permission;
    },
    async requestPermission() {
      return folder.permission;
    },
  };

  const fileHandle = (fileName: string): JournalFileHandle => ({
    async getFile() {
      await diskDelay();
      const text = folder.files.get(fileName) ?? '';
      return {
        size: new TextEncoder().encode(text).length,
        lastModified: modified.get(fileName) ?? 0,
        text: async () => text,
      };
    },
    async createWritable() {
      if (folder.permission !== 'granted') {
        throw new DOMException('Permission to write was not granted.', 'NotAllowedError');
      }
      if (folder.failWrites) {
        throw new DOMException('The folder cannot be written.', 'NoModificationAllowedError');
      }
      let pending = '';
      return {
        async write(data: string) {
          pending += data;
        },
        async close() {
          await diskDelay();
          folder.files.set(fileName, pending);
          modified.set(fileName, clock++);
          folder.writes += 1;
        },
        async abort() {
          pending = '';
        },
      };
    },
  });
  return folder;
}
