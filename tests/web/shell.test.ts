// The console's shell in Chromium against the real stack (API, worker and simulator processes,
// Postgres, Redis) serving the production build. Elements are found by role and accessible name.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousAxeViolations, signIn, type PageLook } from './support/browser.ts';
import { openWorkspace, type Workspace } from './support/workspace.ts';

let ws: Workspace;

beforeAll(async () => {
  ws = await openWorkspace('shell');
});
afterEach(async () => {
  await ws.closePages();
});
afterAll(async () => {
  await ws?.close();
});

const page = (look: PageLook = {}): Promise<Page> => ws.page(look);

describe('sign-in', () => {
  it('refuses a wrong key with an alert, and the page passes axe', async () => {
    const p = await page();
    await p.goto('/');
    await p.waitForURL('**/sign-in');
    expect(await seriousAxeViolations(p)).toEqual([]);
    await p.getByLabel('API key').fill('ak_not-a-real-key');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => p.getByRole('alert').textContent()).toContain('That API key is not valid');
    expect(await p.evaluate(() => Object.values(sessionStorage))).not.toContain('ak_not-a-real-key');
    await screenshot(p, 'sign-in-error-light');
  });

  it('opens the campaigns with the right key; the shell passes axe; sign out forgets the key', async () => {
    const p = await page();
    await signIn(p, ws.key);
    expect(p.url()).toMatch(/\/campaigns$/);
    await p.getByRole('link', { name: 'New campaign' }).waitFor();
    const nav = p.getByRole('navigation', { name: 'Main' });
    for (const name of ['Campaigns', 'Do-not-call list', 'Webhooks', 'API keys', 'Queues (Bull Board)']) {
      await nav.getByRole('link', { name }).waitFor();
    }
    expect(await nav.getByRole('link', { name: 'Queues (Bull Board)' }).getAttribute('href')).toBe('/admin/queues');
    expect(await seriousAxeViolations(p)).toEqual([]);
    const stored = () => p.evaluate(() => ({ session: Object.values(sessionStorage), local: Object.values(localStorage) }));
    expect((await stored()).session).toContain(ws.key);
    expect((await stored()).local).not.toContain(ws.key);

    // A reload keeps the session (same tab), deep links work through the SPA fallback.
    await p.goto('/webhooks');
    await p.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();

    await p.getByRole('button', { name: 'Sign out' }).click();
    await p.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await stored()).session).not.toContain(ws.key);
    await p.goto('/campaigns');
    await p.waitForURL('**/sign-in');
  });

  it('hides the admin pages from a member key', async () => {
    const member = await ws.createKey('member', 'marketer');
    const p = await page();
    await signIn(p, member);
    const nav = p.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Webhooks' }).waitFor();
    expect(await nav.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Queues (Bull Board)' }).count()).toBe(0);
    await p.goto('/api-keys');
    await p.waitForURL('**/campaigns');
  });
});

describe('layout', () => {
  it('fits 360 px without horizontal scroll, and the menu works by keyboard', async () => {
    const p = await page({ viewport: { width: 360, height: 740 } });
    await signIn(p, ws.key);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(p, 'shell-360-light');

    // Tab from the top of the page to the menu button, open it with Enter, pick a section.
    await p.keyboard.press('Tab');
    const menuButton = p.getByRole('button', { name: 'Menu' });
    for (let i = 0; i < 10 && !(await menuButton.evaluate((el) => el === document.activeElement)); i += 1) await p.keyboard.press('Tab');
    expect(await menuButton.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(p, 'shell-360-focus-light');
    await p.keyboard.press('Enter');
    const menu = p.getByRole('menu');
    await menu.waitFor();
    // Opened by keyboard, the menu focuses its first item; arrow down to the second and open it.
    const focused = () => p.evaluate(() => document.activeElement?.textContent?.trim());
    await expect.poll(focused).toBe('Campaigns');
    await p.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe('Do-not-call list');
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { name: 'Do-not-call list', level: 1 }).waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('saves the shell and sign-in in light and dark (following the system)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const p = await page({ colorScheme });
      await p.goto('/sign-in');
      await p.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await p.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(colorScheme === 'dark');
      await screenshot(p, `sign-in-${colorScheme}`);
      await signIn(p, ws.key);
      if (colorScheme === 'dark') expect(await seriousAxeViolations(p)).toEqual([]);
      await screenshot(p, `shell-${colorScheme}`);
    }
  });
});
