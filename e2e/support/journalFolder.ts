// The journal folder in browser tests: the origin private file system (OPFS) stands in for the
// folder a librarian picks, since a test cannot click through the system's folder picker. The
// overrides are init scripts of the test's page only; the offline client is the production build.
import type { Page } from 'playwright-core';

/** The OPFS folder that stands in for the picked one. */
export const TEST_JOURNAL_FOLDER = 'journal';

export interface JournalFileText {
  name: string;
  text: string;
}

/** Makes the folder picker answer with an OPFS folder, on this page and every reload of it. */
export async function pickOpfsAsJournalFolder(page: Page): Promise<void> {
  await page.addInitScript((folder) => {
    window.showDirectoryPicker = async () =>
      (await navigator.storage.getDirectory()).getDirectoryHandle(folder, { create: true });
  }, TEST_JOURNAL_FOLDER);
}

/**
 * Lets the test make the journal folder read-only mid-outage: while `failJournalWrites(page, true)`
 * holds, every createWritable() throws NoModificationAllowedError, as a read-only folder does.
 */
export async function allowJournalWriteFailures(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const original = FileSystemFileHandle.prototype.createWritable;
    FileSystemFileHandle.prototype.createWritable = function (...args) {
      if ((globalThis as { circaTestFailJournal?: boolean }).circaTestFailJournal) {
        return Promise.reject(
          new DOMException('The folder is read-only.', 'NoModificationAllowedError'),
        );
      }
      return original.apply(this, args);
    };
  });
}

export async function failJournalWrites(page: Page, fail: boolean): Promise<void> {
  await page.evaluate((value) => {
    (globalThis as { circaTestFailJournal?: boolean }).circaTestFailJournal = value;
  }, fail);
}

/** A browser without the File System Access API (Firefox, Safari) as far as the page can tell. */
export async function removeFolderPicker(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const global = window as { showDirectoryPicker?: unknown };
    delete global.showDirectoryPicker;
    delete (Window.prototype as { showDirectoryPicker?: unknown }).showDirectoryPicker;
  });
}

/**
 * Settings → Journal → "Choose folder…" in the offline client (pickOpfsAsJournalFolder first),
 * waiting until the header says the journal is on; leaves Settings open on the Journal tab.
 */
export async function chooseJournalFolder(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('tab', { name: 'Journal', exact: true }).click();
  const choose = page.getByRole('button', { name: /^Choose (folder…|another folder)$/ });
  await choose.click();
  await page.getByText('Journal: on', { exact: true }).waitFor({ timeout: 15_000 });
}

/** Every file in the test's journal folder, by name, with its text. */
export function readJournalFiles(page: Page): Promise<JournalFileText[]> {
  return page.evaluate(async (folderName) => {
    const root = await navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle(folderName, { create: true });
    const files: { name: string; text: string }[] = [];
    // Listing a folder is missing from TypeScript's DOM library; Chromium has it.
    const names = (folder as unknown as { keys(): AsyncIterable<string> }).keys();
    for await (const name of names) {
      const file = await (await folder.getFileHandle(name)).getFile();
      files.push({ name, text: await file.text() });
    }
    return files.toSorted((a, b) => (a.name < b.name ? -1 : 1));
  }, TEST_JOURNAL_FOLDER);
}
