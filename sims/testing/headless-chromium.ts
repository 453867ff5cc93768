/**
 * A headless Chromium for the test and the bench that look at what a person sees (the HTML
 * timeline): the system's Chromium (Debian's `chromium` package) driven by playwright-core,
 * which downloads no browser of its own. The binary comes from SYNCSIM_CHROMIUM or a list of
 * well-known paths. playwright-core is loaded at run time, so a machine without it or without a
 * browser gets one line saying how to get them, not a type or import error.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export const CHROMIUM_HINT =
  'no headless Chromium: apt-get install chromium (Debian/Ubuntu), or set SYNCSIM_CHROMIUM=/path/to/chrome';

const WELL_KNOWN = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** What a test reads of an element inside the page (the project has no DOM types). */
export interface PageElement {
  readonly textContent: string | null;
  readonly classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number };
}

/** The part of playwright-core's Page used here. */
export interface Page {
  goto(url: string): Promise<unknown>;
  waitForSelector(selector: string): Promise<unknown>;
  evaluate<T>(script: string): Promise<T>;
  $$eval<T>(selector: string, fn: (elements: PageElement[]) => T): Promise<T>;
  textContent(selector: string): Promise<string | null>;
  hover(selector: string): Promise<void>;
  click(selector: string): Promise<void>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  on(event: 'console', listener: (message: { type(): string; text(): string }) => void): void;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  close(): Promise<void>;
}

export interface Browser {
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
  version(): string;
}

interface PlaywrightCore {
  chromium: { launch(options: { executablePath: string; headless?: boolean }): Promise<Browser> };
}

/** The browser binary to use, or why there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path: string } | { missing: string } {
  const given = env['SYNCSIM_CHROMIUM'];
  if (given)
    return existsSync(given)
      ? { path: given }
      : {
          missing: `SYNCSIM_CHROMIUM=${given} does not exist (apt-get install chromium, or point it at a Chromium binary)`,
        };
  const path = WELL_KNOWN.find((candidate) => existsSync(candidate));
  return path ? { path } : { missing: CHROMIUM_HINT };
}

/** A launched headless Chromium, or one line saying what is missing and how to get it. */
export async function launchChromium(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ browser: Browser; path: string } | { missing: string }> {
  const found = findChromium(env);
  if ('missing' in found) return found;
  let playwright: PlaywrightCore;
  try {
    playwright = createRequire(import.meta.url)('playwright-core') as PlaywrightCore;
  } catch {
    return { missing: 'playwright-core is not installed: npm install (it is one of the devDependencies)' };
  }
  const browser = await playwright.chromium.launch({ executablePath: found.path, headless: true });
  return { browser, path: found.path };
}
