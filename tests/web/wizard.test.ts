// The new-campaign wizard in Chromium against the real stack (API, worker, simulator processes):
// a pasted list, a CSV upload, a double click, call-again from a finished campaign; axe and
// screenshots (light, dark, 360 px) on every step. Elements are found by role and accessible name.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousAxeViolations } from './support/browser.ts';
import { openWorkspace, type Workspace } from './support/workspace.ts';

let ws: Workspace;

beforeAll(async () => {
  ws = await openWorkspace('wizard');
});
afterAll(async () => {
  await ws?.close();
});

// expect.poll waits 1 s by default; a dry run on a loaded machine may take longer.
const POLL = { timeout: 20_000, interval: 100 };
const STEPS = ['Name and numbers', 'Script', 'Pacing', 'When', 'Review and create'] as const;
// Distinct valid Vietnamese mobiles per journey, so campaigns never share a number.
const phones = (count: number) => ws.phones(count);

// A new wizard as a user starts the next campaign: from the campaigns list (the main menu) and its
// "New campaign" link, in the file's signed-in tab.
async function wizard(): Promise<Page> {
  const page = await ws.signedInTab();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
  await page.getByRole('link', { name: 'New campaign' }).first().click();
  await step(page, STEPS[0]);
  return page;
}

async function step(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { name, level: 2 }).waitFor();
  await expect.poll(() => page.getByRole('navigation', { name: 'Steps' }).locator('[aria-current="step"]').textContent(), POLL).toContain(name);
}

async function next(page: Page, to: string): Promise<void> {
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await step(page, to);
}

// "3 accepted": the count shown next to its word.
async function countOf(page: Page, word: 'accepted' | 'duplicated' | 'invalid' | 'suppressed'): Promise<number> {
  const text = await page.getByText(new RegExp(`^\\d+ ${word}$`)).first().textContent();
  return Number(text!.split(' ')[0]);
}

async function expectCounts(page: Page, expected: Partial<Record<'accepted' | 'duplicated' | 'invalid' | 'suppressed', number>>) {
  for (const [word, n] of Object.entries(expected)) await expect.poll(() => countOf(page, word as 'accepted'), POLL).toBe(n);
}

// axe (no serious or critical finding), then the step in light, dark and at 360 px (no sideways
// scroll). `darkAxe` runs axe on the dark theme too (contrast differs; once per journey is enough).
async function checkStep(page: Page, name: string, { darkAxe = false } = {}): Promise<void> {
  expect(await seriousAxeViolations(page)).toEqual([]);
  // From the top, so the sticky header is not drawn over the middle of a full-page shot.
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `wizard-${name}-light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark')), POLL).toBe(true);
  if (darkAxe) expect(await seriousAxeViolations(page)).toEqual([]);
  await screenshot(page, `wizard-${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, `wizard-${name}-360-light`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function fillScript(page: Page, text: string) {
  await page.getByRole('radiogroup', { name: 'Script type' }).waitFor();
  expect(await page.getByRole('radio', { name: 'Text to speech' }).getAttribute('aria-checked')).toBe('true');
  await page.getByLabel('Text to speak').fill(text);
}

async function fillPacing(page: Page, perBatch: number) {
  await page.getByLabel('Numbers per batch').fill(String(perBatch));
  await page.getByLabel('Seconds between batches').fill('1');
  await page.getByLabel('Retries').fill('0');
  await page.getByLabel('Retry after (seconds)').fill('1');
}

// The created campaign's id, from the page the wizard lands on.
async function landed(page: Page): Promise<string> {
  await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
  return page.url().split('/').at(-1)!;
}

describe('wizard', () => {
  it('creates from a pasted list: counts, a fixed line, every step by name, axe and screenshots; it runs to completed', async () => {
    const page = await wizard();
    await checkStep(page, '1-numbers-empty');
    const [a, b, c, d] = phones(4);
    await page.getByLabel('Name').fill('Wizard pasted list');
    await page.getByLabel('Phone numbers').fill(`${a}\n${b}, ${a}\nnot-a-number\n${c}`);
    await expectCounts(page, { accepted: 3, duplicated: 1, invalid: 1, suppressed: 0 });
    // The invalid entry is pointed at by its line of the paste box.
    await page.getByRole('row', { name: '3 not-a-number Not a number' }).waitFor();
    await checkStep(page, '1-numbers', { darkAxe: true });

    // Fix the invalid line: the preview follows.
    await page.getByLabel('Phone numbers').fill(`${a}\n${b}, ${a}\n${d}\n${c}`);
    await expectCounts(page, { accepted: 4, duplicated: 1, invalid: 0 });
    await next(page, 'Script');
    await fillScript(page, 'Xin chào, đây là cuộc gọi thử.');
    await expect.poll(() => page.getByText(/^\d+ \/ 300 characters$/).textContent(), POLL).toBe('30 / 300 characters');
    await checkStep(page, '2-script');
    await next(page, 'Pacing');
    await fillPacing(page, 2);
    const plan = page.getByRole('region', { name: 'Plan' });
    await expect.poll(() => plan.getByRole('definition').first().textContent(), POLL).toBe('2');
    await checkStep(page, '3-pacing');
    await next(page, 'When');
    await page.getByRole('gridcell', { name: 'Monday 08:00–09:00, allowed' }).waitFor();
    // The week grid: a preset, a mouse drag across Saturday 09:00-12:00, then the keyboard.
    await page.getByRole('button', { name: 'Weekdays 08:00–17:00' }).click();
    await page.getByRole('gridcell', { name: 'Saturday 09:00–10:00, not allowed' }).scrollIntoViewIfNeeded();
    const center = async (name: string) => {
      const box = (await page.getByRole('gridcell', { name }).boundingBox())!;
      return [box.x + box.width / 2, box.y + box.height / 2] as const;
    };
    const [fromX, fromY] = await center('Saturday 09:00–10:00, not allowed');
    const [toX, toY] = await center('Saturday 11:00–12:00, not allowed');
    await page.mouse.move(fromX, fromY);
    await page.mouse.down();
    await page.mouse.move(toX, toY, { steps: 8 });
    await page.mouse.up();
    await page.getByRole('gridcell', { name: 'Saturday 10:00–11:00, allowed' }).waitFor();
    // Focus stayed on the cell the drag began in: three hours right, then Space; a day down, Enter.
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'Space', 'ArrowDown', 'Enter']) await page.keyboard.press(key);
    await page.getByRole('gridcell', { name: 'Saturday 12:00–13:00, allowed' }).waitFor();
    await page.getByRole('gridcell', { name: 'Sunday 12:00–13:00, allowed' }).waitFor();
    await page.getByRole('gridcell', { name: 'Sunday 10:00–11:00, not allowed' }).waitFor();
    await page.getByLabel('Date to skip').fill('2031-01-01');
    await page.getByRole('button', { name: 'Add date' }).click();
    await page.getByRole('button', { name: 'Remove Wednesday, January 1, 2031' }).waitFor();
    await page.getByRole('region', { name: 'Plan' }).getByText('First batch').waitFor();
    await checkStep(page, '4-when', { darkAxe: true });
    // Back to any time, so the campaign runs now whatever the hour of this test.
    await page.getByRole('button', { name: 'Any time' }).click();
    await page.getByRole('gridcell', { name: 'Sunday 10:00–11:00, allowed' }).waitFor();
    await next(page, 'Review and create');
    await page.getByText('Wizard pasted list').waitFor();
    await checkStep(page, '5-review', { darkAxe: true });
    await page.getByRole('button', { name: 'Back' }).click();
    await step(page, 'When');
    await next(page, 'Review and create');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    const id = await landed(page);
    // Its page follows it live, from scheduled to completed, without a reload.
    await page.getByRole('heading', { name: 'Wizard pasted list', level: 1 }).waitFor();
    await page.locator('main h1').locator('..').getByText('Completed', { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('progressbar', { name: '4 of 4 numbers final' }).waitFor();
    const created = await ws.request('GET', `/v1/campaigns/${id}`);
    expect(created.body).toMatchObject({
      name: 'Wizard pasted list',
      status: 'completed',
      numberCallPerTime: 2,
      callWindows: null,
      skipDates: ['2031-01-01'],
      numbers: { accepted: 4, duplicated: 1, invalid: 0 },
    });
  }, 240_000);

  it('creates from a CSV upload, read by the API (dry run, then upload)', async () => {
    const page = await wizard();
    const dir = await mkdtemp(path.join(tmpdir(), 'wizard-'));
    const file = path.join(dir, 'customers.csv');
    const [a, b, c] = phones(3);
    await writeFile(file, `name,phone\nAn,${a}\nBình,${b}\nChi,${c}\nDũng,12\n`);
    const sent: string[] = [];
    const recordPost = (request: Request) => {
      if (request.method() === 'POST') sent.push(`${new URL(request.url()).pathname} ${request.headers()['content-type']?.split(';')[0]}`);
    };
    page.on('request', recordPost);
    await page.getByLabel('Upload a file').setInputFiles(file);
    await page.getByText('customers.csv').waitFor();
    await expectCounts(page, { accepted: 3, invalid: 1 });
    await checkStep(page, '1-numbers-file');
    await page.getByLabel('Name').fill('Wizard CSV upload');
    await next(page, 'Script');
    await fillScript(page, 'Xin chào');
    await next(page, 'Pacing');
    await fillPacing(page, 3);
    await expect.poll(() => page.getByRole('region', { name: 'Plan' }).getByRole('definition').first().textContent(), POLL).toBe('1');
    await next(page, 'When');
    await next(page, 'Review and create');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    const id = await landed(page);
    page.off('request', recordPost);
    // The file went to the dry run once (the plan was worked out in the page from its count), then to the upload.
    expect(sent.filter((request) => request.startsWith('/v1/campaigns/validate'))).toEqual(['/v1/campaigns/validate multipart/form-data']);
    expect(sent).toContain('/v1/campaigns/upload multipart/form-data');
    const created = await ws.request('GET', `/v1/campaigns/${id}`);
    expect(created.body).toMatchObject({ name: 'Wizard CSV upload', numbers: { accepted: 3, invalid: 1 } });
    await ws.waitCompleted([id]);
  }, 120_000);

  it('a double click on Create campaign creates one campaign (one Idempotency-Key)', async () => {
    const page = await wizard();
    const name = `Wizard double click ${Date.now()}`;
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Phone numbers').fill(phones(2).join('\n'));
    await expectCounts(page, { accepted: 2 });
    await next(page, 'Script');
    await fillScript(page, 'Xin chào');
    await next(page, 'Pacing');
    await next(page, 'When');
    await next(page, 'Review and create');
    const keys: string[] = [];
    const recordCreate = (request: Request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/v1/campaigns') keys.push(request.headers()['idempotency-key'] ?? '');
    };
    page.on('request', recordCreate);
    await page.getByRole('button', { name: 'Create campaign' }).dblclick();
    const id = await landed(page);
    const { rows } = await ws.pool.query<{ id: string }>('SELECT id FROM campaigns WHERE name = $1', [name]);
    expect(rows).toEqual([{ id }]);
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    page.off('request', recordCreate);
  });

  it('calls again the numbers a finished campaign did not reach', async () => {
    // Numbers the simulator does not answer: every number of the source campaign ends "failed".
    const source = await ws.createCampaign({ numbers: ws.unansweredPhones(3), perBatch: 3, durationSec: 1, maxRetry: 0, retryAfterSec: 1, name: 'Nobody home' });
    await ws.waitCompleted([source.id]);

    // The link the campaign page's "Call again" leads to, opened directly.
    const page = await ws.signedInTab();
    await page.goto(`/campaigns/new?from=${source.id}&statuses=failed,no_result`);
    await page.getByText('3 numbers from Nobody home (Not answered, No result)').waitFor();
    expect(await page.getByLabel('Phone numbers').count()).toBe(0);
    expect(await page.getByLabel('Name').inputValue()).toBe('Nobody home — call again');
    await checkStep(page, '1-call-again');
    await next(page, 'Script');
    expect(await page.getByLabel('Text to speak').inputValue()).toBe('Xin chào');
    await next(page, 'Pacing');
    expect(await page.getByLabel('Numbers per batch').inputValue()).toBe('3');
    await next(page, 'When');
    await next(page, 'Review and create');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    const id = await landed(page);
    expect(id).not.toBe(source.id);
    const created = await ws.request('GET', `/v1/campaigns/${id}`);
    expect(created.body).toMatchObject({ name: 'Nobody home — call again', numbers: { accepted: 3 } });
    const calls = await ws.request('GET', `/v1/campaigns/${id}/calls?limit=10`);
    expect(calls.body.items.map((call: { phone: string }) => call.phone).toSorted()).toEqual(source.phones.toSorted());
    await ws.waitCompleted([id]);
  }, 150_000);
});
