import { configure, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { campaignsQuery, LIVE_REFRESH_MS } from '@/hooks/api/campaigns/queries.ts';
import { campaignApi, listItem, signInForTest } from '@/features/campaign/test-fixtures.ts';
import { fakeApi } from '@/test/fake-api.ts';
import { renderApp } from '@/test/render-app.tsx';

const listRequests = (requests: Request[]) => requests.map((r) => new URL(r.url)).filter((u) => u.pathname === '/v1/campaigns');

// The pages are lazy chunks: their first import on a busy machine may take a few seconds.
configure({ asyncUtilTimeout: 5_000 });
beforeEach(signInForTest);

describe('campaigns list', () => {
  it('shows each campaign with its status in words, progress, answer rate and times in its zone', async () => {
    fakeApi(campaignApi());
    renderApp('/campaigns');
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('link', { name: 'Spring promotion' })).toHaveAttribute('href', '/campaigns/11111111-1111-4111-8111-111111111111');
    expect(within(table).getByText('Running')).toBeVisible();
    expect(within(table).getByRole('progressbar', { name: '120 of 500 numbers final' })).toBeVisible();
    expect(within(table).getByText('58.3%')).toBeVisible();
    expect(within(table).getByText('Jun 12, 2030, 9:01 AM (Asia/Ho_Chi_Minh)')).toBeVisible();
    expect(within(table).getByRole('columnheader', { name: 'Finish estimate' })).toBeVisible();
  });

  it('asks one page at a time, newest first from the server, and pages with Next and Previous', async () => {
    const requests = fakeApi(
      campaignApi({
        'GET /v1/campaigns': (request) => {
          const cursor = new URL(request.url).searchParams.get('cursor');
          return cursor === 'c2'
            ? { status: 200, body: { items: [listItem({ id: '22222222-2222-4222-8222-222222222222', name: 'Older one' })], nextCursor: null } }
            : { status: 200, body: { items: [listItem()], nextCursor: 'c2' } };
        },
      }),
    );
    const { user } = renderApp('/campaigns');
    await within(await screen.findByRole('table')).findByRole('link', { name: 'Spring promotion' });
    expect(listRequests(requests)[0]!.searchParams.get('limit')).toBe('20');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await within(screen.getByRole('table')).findByRole('link', { name: 'Older one' })).toBeVisible();
    expect(listRequests(requests).at(-1)!.searchParams.get('cursor')).toBe('c2');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await within(screen.getByRole('table')).findByRole('link', { name: 'Spring promotion' })).toBeVisible();
  });

  it('filters by status through a select named Status, kept in the URL', async () => {
    const requests = fakeApi(campaignApi());
    const { user, history } = renderApp('/campaigns');
    const status = await screen.findByRole('combobox', { name: 'Status' });
    await user.click(status);
    await user.click(await screen.findByRole('option', { name: 'Paused' }));
    await waitFor(() => expect(history.location.search).toContain('status=paused'));
    await waitFor(() => expect(listRequests(requests).at(-1)!.searchParams.get('status')).toBe('paused'));
  });

  it('invites creating the first campaign when there is none', async () => {
    fakeApi(campaignApi({ 'GET /v1/campaigns': () => ({ status: 200, body: { items: [], nextCursor: null } }) }));
    renderApp('/campaigns');
    expect(await screen.findByRole('heading', { name: 'No campaigns yet' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Create your first campaign' })).toHaveAttribute('href', '/campaigns/new');
    expect(screen.getByRole('link', { name: 'New campaign' })).toBeVisible();
  });

  it('speaks Vietnamese', async () => {
    fakeApi(campaignApi());
    renderApp('/campaigns', { language: 'vi' });
    const table = await screen.findByRole('table');
    expect(within(table).getByText('Đang chạy')).toBeVisible();
    expect(within(table).getByRole('progressbar', { name: '120 / 500 số đã có kết quả' })).toBeVisible();
    expect(screen.getByRole('combobox', { name: 'Trạng thái' })).toBeVisible();
  });

  it('polls only while a campaign on the page is scheduled or running', () => {
    const interval = campaignsQuery().refetchInterval as (query: { state: { data: unknown } }) => number | false;
    expect(interval({ state: { data: { items: [listItem({ status: 'running' })] } } })).toBe(LIVE_REFRESH_MS);
    expect(interval({ state: { data: { items: [listItem({ status: 'completed' }), listItem({ status: 'paused' })] } } })).toBe(false);
    expect(interval({ state: { data: undefined } })).toBe(false);
  });
});
