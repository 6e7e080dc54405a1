// A journey file's own corner of the shared stack (stack.ts): a tenant with an admin key, so its
// campaigns, do-not-call list, webhooks and keys are its own whatever other files run beside it;
// a connection to the shared Chromium; campaigns created through @autocall/sdk, as an integrating
// backend would.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { chromium, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { decideOutcome } from '../../../apps/omicall-sim/src/prng.ts';
import { createAutocallClient } from '@autocall/sdk';
import { waitFor } from '@autocall/testing';
import { DEFAULT_VIEWPORT, newContext, newPage, signIn, themeApplied, type PageLook } from './browser.ts';
import type { WebStack } from './context.ts';
import { campaignBody, type CampaignShape } from '../../support/campaign-spec.ts';

export type CampaignSpec = CampaignShape & { numbers: number | string[] };

export type Workspace = {
  // The tenant's admin key (what the journeys sign in with) and its name on the API keys page.
  key: string;
  keyName: string;
  // The run's database, for what the console cannot show (e.g. "exactly one campaign").
  pool: pg.Pool;
  // A new tab in the file's context: signed out (the key is per tab), sharing the cache and compiled
  // code of the tabs before it (a fresh context costs twice as much CPU to sign in). Only a
  // context's front tab draws frames promptly (the others' requestAnimationFrame, which every click
  // waits on, takes ~2 s), so a journey going back to an earlier tab calls bringToFront() first.
  page(look?: PageLook): Promise<Page>;
  // A tab in a context of its own, for what is per context: the browser's language, localStorage.
  isolatedPage(options: BrowserContextOptions): Promise<Page>;
  // The file's signed-in tab, for journeys that are not about signing in (each sign-in costs a
  // page load and ~1.4 s of CPU): signed in with `key` on first use, brought to front and given
  // the look asked for (default: 1280 x 800, light) on every use; closePages() leaves it open.
  signedInTab(look?: PageLook): Promise<Page>;
  // Closes the tabs and contexts opened so far: a finished journey's pages stop polling the API.
  closePages(): Promise<void>;
  request(method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; body: any }>;
  createKey(role: 'admin' | 'member', name?: string): Promise<string>;
  // Valid Vietnamese mobiles no other journey uses.
  phones(count: number): string[];
  // Numbers the simulator will not answer the first time they are dialled.
  unansweredPhones(count: number): string[];
  createCampaign(spec: CampaignSpec): Promise<{ id: string; phones: string[] }>;
  waitCompleted(ids: string[], timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

async function call(apiUrl: string, key: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

// `file` names the tenant and its key (`shell journeys`), so a leftover is easy to trace.
export async function openWorkspace(file: string): Promise<Workspace> {
  const stack: WebStack = inject('webStack');
  const tenant = `web-${file}-${randomBytes(4).toString('hex')}`;
  const keyName = `${file} journeys`;
  const createKey = async (role: 'admin' | 'member', name = `${file} ${role}`) => {
    const created = await call(stack.apiUrl, stack.bootstrapKey, 'POST', '/v1/admin/api-keys', { tenant, createTenant: true, name, role });
    if (created.status !== 201) throw new Error(`API key not created: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.secret as string;
  };
  const [key, browser] = await Promise.all([createKey('admin', keyName), chromium.connect(stack.browserWsEndpoint)]);
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
  const client = createAutocallClient({ baseUrl: stack.apiUrl, apiKey: key });
  // A random block of 091... to 094... (39 million numbers): two files' blocks practically never meet.
  let cursor = 10_000_000 + Math.floor(Math.random() * 39_000_000);
  const phones = (count: number) => Array.from({ length: count }, () => `09${String(cursor++).padStart(8, '0')}`);
  const unanswered = (phone: string) => !decideOutcome(stack.sim.seed, phone, 0, stack.sim).answered;
  const context = await newContext(browser, stack.apiUrl);
  // Tabs of the file's context, and contexts of their own, until closePages().
  const pages = new Set<Page>();
  const contexts = new Set<BrowserContext>();
  let signedIn: Promise<Page> | undefined;
  const workspace: Workspace = {
    key,
    keyName,
    pool,
    async page(look = {}) {
      const page = await newPage(context, look);
      pages.add(page);
      page.once('close', () => pages.delete(page));
      return page;
    },
    async isolatedPage(options) {
      const own = await newContext(browser, stack.apiUrl, options);
      contexts.add(own);
      own.once('close', () => contexts.delete(own));
      return newPage(own);
    },
    async signedInTab(look = {}) {
      signedIn ??= newPage(context).then(async (page) => {
        await signIn(page, key);
        return page;
      });
      const page = await signedIn;
      await page.bringToFront();
      await page.setViewportSize(look.viewport ?? DEFAULT_VIEWPORT);
      await page.emulateMedia({ colorScheme: look.colorScheme ?? 'light' });
      await themeApplied(page);
      return page;
    },
    async closePages() {
      await Promise.all([...pages, ...contexts].map((closable) => closable.close()));
    },
    request: (method, path, body, requestKey = key) => call(stack.apiUrl, requestKey, method, path, body),
    createKey,
    phones,
    unansweredPhones(count) {
      const picked: string[] = [];
      while (picked.length < count) picked.push(...phones(1).filter(unanswered));
      return picked;
    },
    async createCampaign(spec) {
      const numbers = typeof spec.numbers === 'number' ? phones(spec.numbers) : spec.numbers;
      const created = await client.POST('/v1/campaigns', { body: campaignBody(spec, numbers, 'journey') });
      if (created.response.status !== 201) throw new Error(`campaign not created: ${created.response.status} ${JSON.stringify(created.error)}`);
      return { id: created.data!.id, phones: numbers };
    },
    async waitCompleted(ids, timeoutMs = 30_000) {
      await waitFor(
        async () => {
          const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM campaigns WHERE id = ANY($1::uuid[]) AND status <> 'completed'`, [ids]);
          return rows[0]!.n === 0;
        },
        { timeoutMs, intervalMs: 200, message: `campaigns not completed: ${ids.join(', ')}` },
      );
    },
    async close() {
      await browser.close();
      await pool.end();
    },
  };
  return workspace;
}
