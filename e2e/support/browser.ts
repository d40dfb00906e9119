// Debian's Chromium, driven by playwright-core, with a profile of its own. The profile survives
// close(), so a test can relaunch the browser on it (as a desk PC restarts) and find its
// localStorage, IndexedDB and service worker still there.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

/**
 * SIGKILL to the browser, as a power cut or a crash would: the main Chromium process is found by
 * its profile folder (unique to each test browser) and killed by its process id, which is returned.
 */
export function killBrowserHard(profileDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const isMain =
      args.includes(`--user-data-dir=${profileDir}`) && !args.some((a) => a.startsWith('--type='));
    if (isMain) {
      process.kill(Number(entry), 'SIGKILL');
      return Number(entry);
    }
  }
  throw new Error(`No Chromium process uses the profile ${profileDir}.`);
}

/** True while the process exists (signal 0 only asks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Reopens a closed browser on the same profile. */
export function relaunchBrowser(closed: TestBrowser, baseURL: string): Promise<TestBrowser> {
  return launchBrowser({ baseURL, profileDir: closed.profileDir });
}
