// The admin pages in Chromium against the real stack: the do-not-call list, outbound webhooks (a
// local receiver gets real deliveries from the worker) and API keys. Elements are found by role
// and accessible name, as a user (or a screen reader) finds them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousAxeViolations, signIn, type PageLook } from './support/browser.ts';
import { openWorkspace, type Workspace } from './support/workspace.ts';

let ws: Workspace;
let receiver: Server;
let receiverUrl: string;
const received: string[] = [];

beforeAll(async () => {
  // A webhook receiver on 127.0.0.1 (the stack runs with WEBHOOK_ALLOW_PRIVATE_TARGETS=true).
  receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push(String(request.headers['x-autocall-event']));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/autocall`;
  ws = await openWorkspace('admin');
});
afterEach(async () => {
  await ws.closePages();
});
afterAll(async () => {
  await ws?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function page(look: PageLook = {}): Promise<Page> {
  return ws.page(look);
}

// To a page by the main menu (in the page, not a reload: the shell's journeys check deep links),
// in the file's signed-in tab or in `p`, signed in first.
async function adminPage(heading: string, p?: Page): Promise<Page> {
  if (p) await signIn(p, ws.key);
  else p = await ws.signedInTab();
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: heading }).click();
  await p.getByRole('heading', { name: heading, level: 1 }).waitFor();
  return p;
}

// Polls wait as long as locators do: the machine is shared and at times slow.
const patience = { timeout: 15_000 };
const countText = (p: Page) => p.getByRole('status').filter({ hasText: /on the list$/ }).textContent();

describe('do-not-call list', () => {
  it('adds pasted numbers and counts them, searches, removes one, and reads an uploaded file', async () => {
    const p = await adminPage('Do-not-call list');
    await expect.poll(() => countText(p), patience).toBe('0 numbers on the list');

    await p.getByLabel('Phone numbers', { exact: true }).fill('0912 345 678\n0987654321, +84911222333\nnot a number');
    await p.getByLabel('Reason', { exact: true }).fill('asked not to be called');
    await p.getByRole('button', { name: 'Add numbers' }).click();
    const report = p.getByRole('status').filter({ hasText: 'Added to the list' });
    await expect.poll(() => report.textContent(), patience).toMatch(/3\s*added.*0\s*already on the list.*1\s*invalid/);
    await expect.poll(() => countText(p), patience).toBe('3 numbers on the list');
    const table = p.getByRole('table');
    await expect.poll(() => table.getByRole('row').count(), patience).toBe(4); // header + 3
    expect(await table.getByRole('row', { name: /0987654321/ }).textContent()).toContain('asked not to be called');

    // Search by the whole number, in another form than it was typed.
    await p.getByLabel('Search by number').fill('+84 987 654 321');
    await expect.poll(() => table.getByRole('row').count(), patience).toBe(2);
    expect(await table.getByRole('row').nth(1).textContent()).toContain('0987654321');
    await p.getByLabel('Search by number').fill('');
    await expect.poll(() => table.getByRole('row').count(), patience).toBe(4);

    await p.getByRole('button', { name: 'Remove 0987654321' }).click();
    const dialog = p.getByRole('alertdialog', { name: 'Remove 0987654321 from the do-not-call list?' });
    expect(await dialog.textContent()).toContain('Campaigns may call this number again');
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    // While a dialog is open the page behind it is hidden from assistive technology (and locators).
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => countText(p), patience).toBe('2 numbers on the list');
    await expect.poll(() => table.getByRole('row', { name: /0987654321/ }).count(), patience).toBe(0);

    await p.getByLabel('Upload a file').setInputFiles({
      name: 'opt-outs.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('phone,name\n0933444555,Lan\n0912345678,Minh\nnope,?\n'),
    });
    const fileReport = p.getByRole('status').filter({ hasText: 'File opt-outs.csv read' });
    await expect.poll(() => fileReport.textContent(), patience).toMatch(/1\s*added.*1\s*already on the list.*1\s*invalid/);
    expect(await fileReport.textContent()).toContain('nope');
    await expect.poll(() => countText(p), patience).toBe('3 numbers on the list');
  });
});

describe('webhooks', () => {
  it('registers a URL, shows its secret once, and lists the deliveries a campaign causes', async () => {
    const p = await adminPage('Webhooks');
    await p.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await p.getByText('No webhook yet.', { exact: false }).waitFor();

    // Nothing chosen: the form says what is missing and sends nothing.
    await p.getByRole('button', { name: 'Register webhook' }).click();
    await p.getByText('Enter a full http:// or https:// address.').waitFor();
    await p.getByText('Choose at least one event.').waitFor();

    await p.getByLabel('URL', { exact: true }).fill(receiverUrl);
    for (const event of ['campaign.started', 'campaign.completed', 'call.answered']) await p.getByRole('checkbox', { name: event }).check();
    await p.getByRole('button', { name: 'Register webhook' }).click();
    const secret = p.getByLabel('Signing secret', { exact: true });
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^whsec_/);
    expect(await p.getByText('This is the only time the secret is shown.', { exact: false }).count()).toBe(1);
    await screenshot(p, 'webhooks-secret-light');
    await p.getByRole('button', { name: 'I have copied it' }).click();
    expect(await p.getByLabel('Signing secret', { exact: true }).count()).toBe(0);

    const card = p.getByRole('article', { name: receiverUrl, exact: true });
    await card.waitFor();
    expect(await card.getByRole('list', { name: 'Events sent to this URL' }).textContent()).toBe('campaign.startedcampaign.completedcall.answered');
    await card.getByText('Nothing delivered yet.', { exact: false }).waitFor();

    const campaign = await ws.createCampaign({ numbers: 2, perBatch: 2, durationSec: 1, maxRetry: 0, retryAfterSec: 1 });
    await ws.waitCompleted([campaign.id]);
    await expect.poll(() => received, { timeout: 20_000 }).toContain('campaign.completed');
    // The page polls its deliveries: they appear without a reload, each with its status.
    const deliveries = card.getByRole('table');
    const row = (event: string) => deliveries.getByRole('row', { name: new RegExp(`^${event.replace('.', '\\.')}\\b`) });
    // A row may first show the delivery as pending: the page catches up on its next refresh.
    await expect.poll(() => row('campaign.completed').textContent(), { timeout: 20_000 }).toContain('Delivered');
    await expect.poll(() => row('campaign.started').textContent(), patience).toContain('Delivered');
    await screenshot(p, 'webhooks-deliveries-light');

    // A second endpoint, deleted after a confirmation naming the effect.
    const other = `${receiverUrl}/other`;
    await p.getByLabel('URL', { exact: true }).fill(other);
    await p.getByRole('checkbox', { name: 'call.failed' }).check();
    await p.getByRole('button', { name: 'Register webhook' }).click();
    await p.getByRole('button', { name: 'I have copied it' }).click();
    await p.getByRole('article', { name: other, exact: true }).waitFor();
    await p.getByRole('button', { name: `Delete webhook ${other}` }).click();
    const dialog = p.getByRole('alertdialog', { name: 'Delete this webhook?' });
    expect(await dialog.textContent()).toContain('stops receiving events at once');
    await dialog.getByRole('button', { name: 'Delete webhook' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => p.getByRole('article', { name: other, exact: true }).count(), patience).toBe(0);
    expect(await p.getByRole('article', { name: receiverUrl, exact: true }).count()).toBe(1);
  });
});

describe('API keys', () => {
  it('creates a key shown once, which signs in; revoked, it stops working at once', async () => {
    const p = await adminPage('API keys');
    await p.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    // The key this session uses is marked and cannot be revoked from here.
    const own = p.getByRole('row', { name: new RegExp(ws.keyName) });
    await own.getByText('Your key').waitFor();
    expect(await own.getByRole('button').count()).toBe(0);

    await p.getByLabel('Name', { exact: true }).fill('Journey key');
    await p.getByRole('radio', { name: 'Member' }).check();
    await p.getByRole('button', { name: 'Create key' }).click();
    const shown = p.getByLabel('New API key', { exact: true });
    await shown.waitFor();
    const secret = await shown.inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await p.getByText('You will not see it again.', { exact: false }).waitFor();
    await screenshot(p, 'api-keys-secret-light');
    await p.getByRole('button', { name: 'I have copied it' }).click();
    expect(await p.getByText(secret).count()).toBe(0);
    const row = p.getByRole('row', { name: /Journey key/ });
    expect(await row.textContent()).toContain('Member');
    expect(await row.textContent()).toContain('Active');

    // The new key signs in, in a tab of its own; a member sees no API keys item.
    const member = await page();
    await signIn(member, secret);
    expect(await member.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).count()).toBe(0);

    await p.bringToFront();
    await row.getByRole('button', { name: 'Revoke Journey key' }).click();
    const dialog = p.getByRole('alertdialog', { name: 'Revoke “Journey key”?' });
    expect(await dialog.textContent()).toContain('Requests with this key stop working at once');
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.textContent(), patience).toContain('Revoked');
    expect(await row.getByRole('button').count()).toBe(0);

    // The session signed in with it is sent to sign-in on its next request...
    await member.bringToFront();
    await member.getByRole('link', { name: 'Do-not-call list' }).first().click();
    await member.waitForURL('**/sign-in');
    // ...and signing in with it again says the key is wrong.
    const again = await page();
    await again.goto('/sign-in');
    await again.getByLabel('API key').fill(secret);
    await again.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => again.getByRole('alert').textContent(), patience).toContain('That API key is not valid');
  });
});

describe('language and theme', () => {
  it('switches to Vietnamese and back, remembers it, and follows the browser at first', async () => {
    // A context of its own: the choice is remembered in localStorage, which tabs share.
    const p = await adminPage('Do-not-call list', await ws.isolatedPage({}));
    await p.getByRole('heading', { name: 'Do-not-call list', level: 1 }).waitFor();
    await p.getByRole('button', { name: 'Language' }).click();
    await p.getByRole('menuitemradio', { name: 'Tiếng Việt' }).click();
    await p.getByRole('heading', { name: 'Danh sách không gọi', level: 1 }).waitFor();
    await p.getByLabel('Tìm theo số').waitFor();
    await p.getByRole('button', { name: 'Xóa 0912345678' }).waitFor();
    expect(await p.evaluate(() => document.documentElement.lang)).toBe('vi');
    await screenshot(p, 'do-not-call-vi-light');

    await p.reload();
    await p.getByRole('heading', { name: 'Danh sách không gọi', level: 1 }).waitFor();
    await p.goto('/webhooks');
    await p.getByRole('button', { name: 'Đăng ký webhook' }).waitFor();
    await p.getByRole('checkbox', { name: 'call.answered' }).waitFor();
    await p.goto('/api-keys');
    await p.getByRole('button', { name: 'Tạo khóa' }).waitFor();

    await p.getByRole('button', { name: 'Ngôn ngữ' }).click();
    await p.getByRole('menuitemradio', { name: 'English' }).click();
    await p.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    expect(await p.evaluate(() => localStorage.getItem('autocall.language'))).toBe('en');

    const vietnameseBrowser = await ws.isolatedPage({ locale: 'vi-VN' });
    await vietnameseBrowser.goto('/sign-in');
    await vietnameseBrowser.getByRole('button', { name: 'Đăng nhập' }).waitFor();
  });

  const pages = [
    { heading: 'Do-not-call list', name: 'do-not-call' },
    { heading: 'Webhooks', name: 'webhooks' },
    { heading: 'API keys', name: 'api-keys' },
  ];

  // axe on each page with its data (the journeys above filled them), and with a confirmation open,
  // in light then dark: the console follows the system's scheme, so emulating it switches live.
  // Axe takes seconds per run on a busy two-core machine: hence the long timeout.
  it('passes axe (no serious or critical finding) in light and dark', { timeout: 240_000 }, async () => {
    const p = await ws.signedInTab({ colorScheme: 'light' });
    const nav = p.getByRole('navigation', { name: 'Main' });
    const findings: Record<string, unknown> = {};
    const check = async (name: string, schemes: readonly ('light' | 'dark')[] = ['light', 'dark']) => {
      for (const colorScheme of schemes) {
        await p.emulateMedia({ colorScheme });
        await expect.poll(() => p.evaluate(() => document.documentElement.classList.contains('dark')), patience).toBe(colorScheme === 'dark');
        findings[`${name}-${colorScheme}`] = await seriousAxeViolations(p);
        await screenshot(p, `${name}-${colorScheme}`);
      }
      await p.emulateMedia({ colorScheme: 'light' });
    };
    for (const { heading, name } of pages) {
      await nav.getByRole('link', { name: heading }).click();
      await p.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await p.getByRole('table').first().waitFor();
      await check(name);
    }
    await nav.getByRole('link', { name: 'Do-not-call list' }).click();
    await p.getByRole('button', { name: 'Remove 0912345678' }).click();
    await p.getByRole('alertdialog').waitFor();
    // The dialog's structure is the same in both themes; dark is where its contrast is tighter.
    await check('do-not-call-remove-dialog', ['dark']);
    await p.keyboard.press('Escape');
    await p.getByRole('alertdialog').waitFor({ state: 'hidden' });
    expect(findings).toEqual(Object.fromEntries(Object.keys(findings).map((key) => [key, []])));
  });

  it('fits 360 px without sideways scrolling', { timeout: 90_000 }, async () => {
    const narrow = await ws.signedInTab({ viewport: { width: 360, height: 740 } });
    for (const { heading, name } of pages) {
      // At 360 px the sections are behind the menu button.
      await narrow.getByRole('button', { name: 'Menu' }).click();
      await narrow.getByRole('menu').getByRole('menuitem', { name: heading }).click();
      await narrow.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await narrow.getByRole('table').first().waitFor();
      expect(await narrow.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(360);
      await screenshot(narrow, `${name}-360-light`);
    }
  });
});
