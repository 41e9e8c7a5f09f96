import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildAddin } from './buildAddin';
import { fakeOfficeScript, type FakeOfficeOptions } from './fakeOfficeScript';
import { serveStatic } from './serveStatic';

/**
 * What the task pane's browser tests share: Debian's headless Chromium, the production bundle
 * (built here with webpack, or reused from $RERATE_ADDIN_DIST, e.g. dist/addin after
 * `npm run build:addin`) served on 127.0.0.1, and visits to taskpane.html with office.js from the
 * CDN answered by fakeOfficeScript.ts and every other host refused and listed.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const OFFICE_CDN = 'https://appsforoffice.microsoft.com/';
/** The one outside address the page names: office.js, answered by the fake. */
export const OFFICE_JS = `${OFFICE_CDN}lib/1/hosted/office.js`;
/** TOOLCHAIN.md's headless flags; launch() gives every run a fresh temporary user-data-dir. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** `describe` where /usr/bin/chromium exists; elsewhere `describe.skip`, saying why (CI installs it). */
export function describeInChromium(what: string): jest.Describe {
  if (existsSync(CHROMIUM)) return describe;
  console.warn(`Skipping ${what}: ${CHROMIUM} is absent (apt-get install -y chromium).`);
  return describe.skip;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Office as the page meets it: `Excel` (the fake Office with a RecordingExcel behind `Excel.run`),
 * `null` (office.js loaded outside Office) or `unreachable` (the CDN refused).
 */
export type PaneOffice = 'Excel' | null | 'unreachable';

export interface PaneVisit {
  page: Page;
  /** Requests to anything but the local server, the office.js CDN included. */
  external: string[];
  /** Page errors and console errors. */
  errors: string[];
}

export interface PaneBrowser {
  /**
   * A fresh browser context (360 × 900, a task pane's width) on taskpane.html, inside Excel once
   * the pane's heading shows; closing the page's context is the caller's.
   */
  visit(office: PaneOffice, options?: FakeOfficeOptions): Promise<PaneVisit>;
  close(): Promise<void>;
}

/** Builds (or reuses) the bundle, serves it and launches Chromium: call in beforeAll (allow ~4 min for a build). */
export async function startPaneBrowser(): Promise<PaneBrowser> {
  const prebuilt = process.env.RERATE_ADDIN_DIST;
  const outputPath = prebuilt ? resolve(prebuilt) : await buildAddin();
  const server = await serveStatic(outputPath);
  const cleanUp = async () => {
    await server.close();
    if (!prebuilt) rmSync(outputPath, { recursive: true, force: true });
  };
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    async visit(office, options = {}) {
      const context = await browser.newContext({ viewport: { width: 360, height: 900 } });
      const page = await context.newPage();
      const external: string[] = [];
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => { if (message.type() === 'error') errors.push(`console: ${message.text()}`); });
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(server.url)) return route.continue();
        external.push(url);
        if (url.startsWith(OFFICE_CDN) && office !== 'unreachable') {
          return route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeOfficeScript(office, options) });
        }
        return route.abort('internetdisconnected');
      });
      await page.goto(`${server.url}/taskpane.html`);
      if (office === 'Excel') await page.getByRole('heading', { name: 'Rerate', level: 1 }).waitFor();
      return { page, external, errors };
    },
    async close() {
      await browser.close();
      await cleanUp();
    },
  };
}

export type Grain = 'line' | 'month';
/** The Import panel's grain radios, by the start of their labels. */
export const GRAIN_LABEL: Record<Grain, RegExp> = {
  line: /^Every line \(/,
  month: /^One row per pricing group and month \(/,
};

/** Picks `files`, chooses `grain`, clicks Import into Lines; returns the grain's label and the result's text. */
export async function importFiles(page: Page, files: string[], grain: Grain): Promise<{ label: string; result: string }> {
  await page.setInputFiles('input[type=file]', files);
  const radio = page.getByRole('radio', { name: GRAIN_LABEL[grain] });
  await radio.waitFor({ timeout: 60_000 });
  await radio.check();
  const label = (await page.getByText(GRAIN_LABEL[grain]).textContent()) ?? '';
  await page.getByRole('button', { name: 'Import into Lines' }).click();
  const result = page.getByTestId('import-result');
  await result.waitFor({ timeout: 60_000 });
  return { label, result: (await result.textContent()) ?? '' };
}
