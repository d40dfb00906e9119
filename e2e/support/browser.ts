// Debian's Chromium, driven by playwright-core, with a profile of its own. The profile survives
// close(), so a test can relaunch the browser on it (as a desk PC restarts) and find its
// localStorage, IndexedDB and service worker still there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** The desk screen size the staff app is designed for. */
export const DESK_VIEWPORT = { width: 1280, height: 800 };

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** The Chromium profile folder, for relaunchBrowser(). */
  profileDir: string;
  /** Closes the browser and keeps the profile. */
  close(): Promise<void>;
  /** Closes the browser and deletes the profile. */
  dispose(): Promise<void>;
}

export interface LaunchOptions {
  /** Relative URLs in page.goto() resolve against this (the test server's url). */
  baseURL: string;
  /** An existing profile to reopen; a new one otherwise. */
  profileDir?: string;
}

export async function launchBrowser({ baseURL, profileDir }: LaunchOptions): Promise<TestBrowser> {
  const dir = profileDir ?? mkdtempSync(join(tmpdir(), 'circa-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL,
    viewport: DESK_VIEWPORT,
    locale: 'en-US',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await context.close();
  };
  return {
    context,
    page,
    profileDir: dir,
    close,
    async dispose() {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Reopens a closed browser on the same profile. */
export function relaunchBrowser(closed: TestBrowser, baseURL: string): Promise<TestBrowser> {
  return launchBrowser({ baseURL, profileDir: closed.profileDir });
}
