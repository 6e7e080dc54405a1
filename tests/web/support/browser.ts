// Debian's Chromium driven by playwright-core: never a downloaded browser. One Chromium serves the
// whole browser project (stack.ts launches it); each file works in a context of its own and each
// journey in tabs of its own (the key lives in a tab's sessionStorage), so sign-ins never leak.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOTS = fileURLToPath(new URL('../screenshots', import.meta.url));

// How a page looks at the console: its viewport and the system's colour scheme. Both are per page,
// so one context (one cache, one renderer's compiled code) serves every look.
export type PageLook = { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' };

export const DEFAULT_VIEWPORT = { width: 1280, height: 800 };

export function newContext(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL, locale: 'en-US', viewport: DEFAULT_VIEWPORT, ...options });
}

// A new tab: its own sessionStorage, so it starts signed out, whatever the other tabs did.
export async function newPage(context: BrowserContext, look: PageLook = {}): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  if (look.viewport) await page.setViewportSize(look.viewport);
  if (look.colorScheme) await page.emulateMedia({ colorScheme: look.colorScheme });
  return page;
}

// From the sign-in form (loading the console first unless the tab already shows the form).
export async function signIn(page: Page, apiKey: string): Promise<void> {
  if (new URL(page.url()).pathname !== '/sign-in') await page.goto('/');
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
}

// Until no finite animation or transition runs (infinite ones, a spinner, never end). A theme
// switch fades every `transition-colors` control for 150 ms: axe measuring contrast mid-fade
// reports colours the page never rests on. getAnimations() flushes styles first, so transitions
// the last change started are already listed.
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Infinity),
  );
}

// Until the console shows the theme it would choose now. The console follows the system scheme
// through a matchMedia `change` event, which fires after emulateMedia returns: checking contrast
// before it would see the old theme, or the new one mid-fade.
export async function themeApplied(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const saved = localStorage.getItem('autocall.theme');
    const dark = saved === 'dark' || (saved !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
    return document.documentElement.classList.contains('dark') === dark;
  });
}

export type AxeFinding = { id: string; impact: string; help: string; targets: string[] };

// axe-core on the page once it is still, every rule; only what fails the bar (serious or critical)
// comes back. The console has no frames, so axe runs in the page itself (legacy mode: no second
// page to merge per-frame results in), and only violations are collected node by node. Injecting
// axe-core costs more than running it (~0.6 s against ~0.3 s of a busy machine) and AxeBuilder
// injects it twice per run, so it is injected only into a document that does not hold it yet.
const AXE_ALREADY_INJECTED = '/* axe-core is already in this document */';

export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  await themeApplied(page);
  await settled(page);
  const injected = await page.evaluate(() => 'axe' in window);
  const result = await new AxeBuilder(injected ? { page, axeSource: AXE_ALREADY_INJECTED } : { page })
    .setLegacyMode()
    .options({ resultTypes: ['violations'] })
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

// PNGs under tests/web/screenshots (gitignored), named `<page>-<theme>.png`; animations are run to
// their end first, so a shot never catches a fade. The whole page, unless a dialog is open: its
// overlay is fixed to the viewport, so a full-page shot would leave the page below it undimmed;
// then what the user sees, the viewport.
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  const dialogOpen = (await page.getByRole('dialog').or(page.getByRole('alertdialog')).count()) > 0;
  await page.screenshot({ path: file, fullPage: !dialogOpen, animations: 'disabled' });
  return file;
}
