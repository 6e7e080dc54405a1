// The campaigns list and a campaign's page in Chromium against the real stack (API, worker and
// simulator processes, Postgres, Redis), found by role and accessible name. Campaigns are created
// through @autocall/sdk (the wizard has its own journey); the simulator answers half the calls
// within a second, so a small campaign completes in seconds.
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousAxeViolations } from './support/browser.ts';
import { openWorkspace, type Workspace } from './support/workspace.ts';

let ws: Workspace;
// Quick: 12 numbers, 4 a second, one retry a second later: completes in a few seconds.
let quick: { id: string; phones: string[] };
// Slow: 120 numbers, 1 every 5 s: still running (for ten minutes) while it is paused, resumed and
// cancelled, however slow the machine.
let slow: { id: string; phones: string[] };

beforeAll(async () => {
  ws = await openWorkspace('campaign-page');
  // Later: scheduled an hour ahead, to be edited and cancelled.
  await ws.createCampaign({ name: 'Later reminder', numbers: 5, perBatch: 5, durationSec: 60, maxRetry: 0, retryAfterSec: 60, startInMs: 3_600_000 });
  slow = await ws.createCampaign({ name: 'Slow survey', numbers: 120, perBatch: 1, durationSec: 5, maxRetry: 0, retryAfterSec: 5 });
  quick = await ws.createCampaign({ name: 'Quick promotion', numbers: 12, perBatch: 4, durationSec: 1, maxRetry: 1, retryAfterSec: 1 });
});
afterAll(async () => {
  await ws?.close();
});

// A download's text (the browser is remote to this process, so its file is read as a stream).
async function downloadedText(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// The file's signed-in tab in one of three looks (light desktop, dark desktop, 360 px), for every
// journey below: signing in again for each would only repeat the shell's own journey.
const LOOKS = { light: {}, dark: { colorScheme: 'dark' }, narrow: { viewport: { width: 360, height: 740 } } } as const;
const tab = (look: keyof typeof LOOKS): Promise<Page> => ws.signedInTab(LOOKS[look]);
const noHorizontalScroll = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

// The whole campaigns list, reached as a user would from wherever the tab is: the main menu's
// "Campaigns" (at 360 px the menu is behind its button).
const wholeList = (url: URL) => url.pathname === '/campaigns' && url.search === '';
async function showWholeList(p: Page) {
  if (wholeList(new URL(p.url()))) return;
  await p.getByRole('heading', { level: 1 }).first().waitFor();
  const link = p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' });
  if (await link.isVisible()) await link.click();
  else {
    await p.getByRole('button', { name: 'Menu' }).click();
    await p.getByRole('menu').getByRole('menuitem', { name: 'Campaigns' }).click();
  }
  await p.waitForURL(wholeList);
}

// To a campaign's page as a user goes there, without reloading the console: the list, then its name.
async function openCampaign(p: Page, name: string) {
  await showWholeList(p);
  await p.getByRole('link', { name, exact: true }).click();
  await p.getByRole('heading', { name, level: 1 }).waitFor();
}

// The status word in the page header (the audit trail also shows status badges).
async function waitForStatus(p: Page, word: string, timeout = 60_000) {
  await p.locator('main h1').locator('..').getByText(word, { exact: true }).waitFor({ timeout });
}

async function confirm(p: Page, button: string, dialogTitle: string, confirmLabel: string) {
  await p.getByRole('button', { name: button, exact: true }).click();
  const dialog = p.getByRole('alertdialog', { name: dialogTitle });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: confirmLabel, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('campaigns list', () => {
  it('lists the campaigns newest first with status, progress and zone-named times; filters by status; passes axe', async () => {
    const p = await tab('light');
    const table = p.getByRole('table');
    await table.getByRole('link', { name: 'Quick promotion' }).waitFor();
    const names = await table.locator('tbody tr td:first-child').allTextContents();
    expect(names).toEqual(['Quick promotion', 'Slow survey', 'Later reminder']);
    await table.getByRole('progressbar', { name: /of 12 numbers final$/ }).waitFor();
    expect(await table.getByText('(Asia/Ho_Chi_Minh)').count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(p)).toEqual([]);
    await screenshot(p, 'campaigns-light');

    await p.getByRole('combobox', { name: 'Status' }).click();
    await p.getByRole('option', { name: 'Scheduled' }).click();
    await p.waitForURL('**/campaigns?status=scheduled');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await table.getByRole('link', { name: 'Later reminder' }).waitFor();
  });

  it('fits 360 px as a card list, and looks right in dark', async () => {
    const p = await tab('narrow');
    await showWholeList(p);
    await p.getByRole('list', { name: 'Campaign list' }).getByRole('link', { name: 'Quick promotion' }).waitFor();
    expect(await noHorizontalScroll(p)).toBe(true);
    await screenshot(p, 'campaigns-360-light');

    const dark = await tab('dark');
    await dark.getByRole('table').getByRole('link', { name: 'Quick promotion' }).waitFor();
    expect(await seriousAxeViolations(dark)).toEqual([]);
    await screenshot(dark, 'campaigns-dark');
  });
});

describe('campaign page', () => {
  it('opens from the list and watches the campaign run to completed; filters, searches and exports its numbers', async () => {
    const p = await tab('light');
    await openCampaign(p, 'Quick promotion');
    // Polling shows the worker's progress without a reload.
    await waitForStatus(p, 'Completed');
    await p.getByRole('progressbar', { name: '12 of 12 numbers final' }).waitFor();
    await p.getByText(/calls placed:/).waitFor();
    expect(await seriousAxeViolations(p)).toEqual([]);
    await screenshot(p, 'campaign-light');

    const numbers = p.getByRole('table', { name: /^Numbers/ });
    for (const name of ['Number', 'Status']) await numbers.getByRole('columnheader', { name, exact: true }).waitFor();
    await expect.poll(() => numbers.locator('tbody tr').count()).toBe(12);
    // Once completed the page stops polling, after asking its numbers once more: none is left
    // showing a status from while the campaign ran.
    await expect.poll(() => numbers.getByText(/^(Waiting|Dialling|Ringing|Retry due)$/).count(), { timeout: 10_000 }).toBe(0);

    // Filter by status: only answered numbers, as many as the database holds.
    const { rows } = await ws.pool.query<{ phone: string }>(`SELECT phone FROM campaign_numbers WHERE campaign_id = $1 AND status = 'answered'`, [quick.id]);
    await p.getByRole('combobox', { name: 'Status' }).click();
    await p.getByRole('option', { name: 'Answered', exact: true }).click();
    await expect.poll(() => numbers.locator('tbody tr').count()).toBe(rows.length);
    if (rows.length > 0) expect(await numbers.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(rows.map(() => 'Answered'));

    // Export CSV carries the filter: the downloaded file holds exactly those numbers.
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: 'Export CSV', exact: true }).click()]);
    const csv = (await downloadedText(download)).trim().split(/\r?\n/);
    const header = csv[0]!.split(',');
    expect(header).toContain('phone');
    const statusColumn = header.indexOf('status');
    const exported = csv.slice(1).map((line) => line.split(','));
    expect(exported.map((cells) => cells[statusColumn])).toEqual(rows.map(() => 'answered'));
    const lastDigits = (phone: string) => phone.replace(/\D/g, '').slice(-9);
    expect(exported.map((cells) => lastDigits(cells[header.indexOf('phone')]!)).sort()).toEqual(rows.map((r) => lastDigits(r.phone)).sort());

    // Search by number (all statuses again): exactly that number, whose attempts open.
    await p.getByRole('combobox', { name: 'Status' }).click();
    await p.getByRole('option', { name: 'All statuses' }).click();
    const wanted = quick.phones[3]!;
    await p.getByRole('searchbox', { name: 'Search by number' }).fill(wanted);
    await expect.poll(() => numbers.locator('tbody tr').count()).toBe(1);
    await numbers.getByText(wanted).waitFor();
    await numbers.getByRole('button', { name: `Attempts of ${wanted}` }).click();
    await numbers.getByText('Attempt 1', { exact: true }).waitFor();
  });

  it('pauses, resumes and cancels a running campaign after confirmations that name the effect', async () => {
    const p = await tab('light');
    await openCampaign(p, 'Slow survey');
    await waitForStatus(p, 'Running', 30_000);
    await p.getByText(/in flight of 1 per batch$/).waitFor();

    await p.getByRole('button', { name: 'Pause', exact: true }).click();
    const dialog = p.getByRole('alertdialog', { name: 'Pause this campaign?' });
    await dialog.getByText('Pause: no new batch is sent after now; calls already ringing finish.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Pause campaign' }).click();
    await waitForStatus(p, 'Paused', 15_000);
    await p.getByRole('button', { name: 'Resume', exact: true }).waitFor();
    expect(await p.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(0);
    await screenshot(p, 'campaign-paused-light');

    await confirm(p, 'Resume', 'Resume this campaign?', 'Resume campaign');
    await waitForStatus(p, 'Running', 15_000);

    await confirm(p, 'Cancel', 'Cancel this campaign?', 'Cancel campaign');
    await waitForStatus(p, 'Cancelled', 15_000);
    expect(await p.getByRole('button', { name: 'Cancel', exact: true }).count()).toBe(0);
    const events = await ws.request('GET', `/v1/campaigns/${slow.id}/events`);
    expect(events.body.items.map((e: { to: string }) => e.to)).toEqual(['scheduled', 'running', 'paused', 'running', 'cancelled']);
    // The page's history shows the same five changes.
    await expect.poll(() => p.getByRole('region', { name: 'History' }).getByRole('listitem').count(), { timeout: 15_000 }).toBe(5);
  });

  it('edits a scheduled campaign, then cancels it', async () => {
    const p = await tab('light');
    await openCampaign(p, 'Later reminder');
    await waitForStatus(p, 'Scheduled', 15_000);
    await p.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = p.getByRole('dialog', { name: 'Edit campaign' });
    await dialog.getByLabel('Name').fill('Later reminder, renamed');
    await dialog.getByLabel('Numbers per batch').fill('3');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await p.getByRole('heading', { name: 'Later reminder, renamed', level: 1 }).waitFor();
    await p.getByText(/in flight of 3 per batch$/).waitFor();

    await confirm(p, 'Cancel', 'Cancel this campaign?', 'Cancel campaign');
    await waitForStatus(p, 'Cancelled', 15_000);
  });

  it('"Call again" opens a dialog with the counts and lands on the wizard in call-again mode', async () => {
    const p = await tab('light');
    await openCampaign(p, 'Quick promotion');
    await waitForStatus(p, 'Completed', 30_000);
    await p.getByRole('button', { name: 'Call again', exact: true }).click();
    const dialog = p.getByRole('dialog', { name: 'Call again' });
    await dialog.getByRole('checkbox', { name: /^Not answered/ }).waitFor();
    expect(await dialog.getByRole('checkbox', { name: /^Not answered/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /^No result/ }).isChecked()).toBe(true);
    expect(await seriousAxeViolations(p)).toEqual([]);
    await screenshot(p, 'call-again-light');
    const continueButton = dialog.getByRole('button', { name: 'Continue' });
    // Nothing to call again when every number was answered: the button says so by being disabled.
    const { rows } = await ws.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM campaign_numbers WHERE campaign_id = $1 AND status IN ('failed', 'no_result')`,
      [quick.id],
    );
    if (rows[0]!.n === 0) await dialog.getByRole('checkbox', { name: /^Answered/ }).check();
    await continueButton.click();
    await p.waitForURL((url) => url.pathname === '/campaigns/new');
    const search = new URL(p.url()).searchParams;
    expect(search.get('from')).toBe(quick.id);
    expect(search.get('statuses')).toBe(rows[0]!.n === 0 ? 'failed,no_result,answered' : 'failed,no_result');
  });

  it('passes axe in dark', async () => {
    const dark = await tab('dark');
    await openCampaign(dark, 'Quick promotion');
    await waitForStatus(dark, 'Completed', 30_000);
    await dark.getByText(/calls placed:/).waitFor();
    expect(await seriousAxeViolations(dark)).toEqual([]);
    await screenshot(dark, 'campaign-dark');
  });

  it('fits 360 px: no page-wide horizontal scroll, the tables scroll in their own boxes', async () => {
    const narrow = await tab('narrow');
    await openCampaign(narrow, 'Quick promotion');
    await waitForStatus(narrow, 'Completed', 30_000);
    await narrow.getByText(/calls placed:/).waitFor();
    expect(await noHorizontalScroll(narrow)).toBe(true);
    expect(await seriousAxeViolations(narrow)).toEqual([]);
    await screenshot(narrow, 'campaign-360-light');
  });
});
