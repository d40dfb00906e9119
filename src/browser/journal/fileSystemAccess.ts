// The parts of the File System Access API the journal uses. TypeScript's DOM library has the file
// handles and writable streams but not the folder picker, the permission calls or a folder's
// listing (Chromium has them), so they are declared here; the journal itself is written against
// the small interfaces below, which the real handles and the unit tests' memory folder both fit.

export type JournalPermission = 'granted' | 'denied' | 'prompt';

/** The picker's options Circa uses: a remembered starting place and write access. */
export interface DirectoryPickerOptions {
  id?: string;
  mode?: 'read' | 'readwrite';
}

declare global {
  interface Window {
    /** Chromium only: absent in Firefox and Safari. */
    showDirectoryPicker?: (options?: DirectoryPickerOptions) => Promise<FileSystemDirectoryHandle>;
  }
  interface FileSystemHandle {
    queryPermission(descriptor: { mode: 'read' | 'readwrite' }): Promise<JournalPermission>;
    requestPermission(descriptor: { mode: 'read' | 'readwrite' }): Promise<JournalPermission>;
  }
  interface FileSystemDirectoryHandle {
    keys(): AsyncIterable<string>;
  }
}

/** What the journal reads of a file on disk. */
export interface JournalFileData {
  readonly size: number;
  readonly lastModified: number;
  text(): Promise<string>;
}

/** A file in the journal folder. */
export interface JournalFileHandle {
  getFile(): Promise<JournalFileData>;
  /** Writes go to a swap file, which replaces the file on close(): a file is old or new, never torn. */
  createWritable(): Promise<{
    write(data: string): Promise<void>;
    close(): Promise<void>;
    abort(): Promise<void>;
  }>;
}

/** The folder staff picked for the journal. */
export interface JournalFolderHandle {
  readonly name: string;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<JournalFileHandle>;
  keys(): AsyncIterable<string>;
  queryPermission(descriptor: { mode: 'readwrite' }): Promise<JournalPermission>;
  requestPermission(descriptor: { mode: 'readwrite' }): Promise<JournalPermission>;
}
