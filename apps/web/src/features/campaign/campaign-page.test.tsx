import { configure, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi, ME } from '@/test/fake-api.ts';
import { renderApp } from '@/test/render-app.tsx';
import { call, CAMPAIGN_ID, campaignApi, campaignDetail, signInForTest } from './test-fixtures.ts';

const PAGE = `/campaigns/${CAMPAIGN_ID}`;
const callsRequests = (requests: Request[]) => requests.map((r) => new URL(r.url)).filter((u) => u.pathname.endsWith('/calls'));

// The pages are lazy chunks: their first import on a busy machine may take a few seconds.
configure({ asyncUtilTimeout: 5_000 });
beforeEach(signInForTest);

describe('campaign page', () => {
  it('shows the name, the status in words, the counters and the calls in flight against the batch size', async () => {
    fakeApi(campaignApi());
    renderApp(PAGE);
    expect(await screen.findByRole('heading', { name: 'Spring promotion', level: 1 })).toBeVisible();
    expect(screen.getAllByText('Running')[0]).toBeVisible();
    expect(screen.getByText('3 in flight of 5 per batch')).toBeVisible();
    expect(screen.getByRole('progressbar', { name: '120 of 500 numbers final' })).toBeVisible();
    expect(screen.getByText('25 sent of 100')).toBeVisible();
    expect(screen.getByText('58.3%')).toBeVisible();
    expect(await screen.findByText(/10 calls placed: 5 answered, 3 not answered, 1 without a result; 1 were retries/)).toBeVisible();
    // Running: pause and cancel, call again; no resume, no edit.
    for (const name of ['Pause', 'Cancel', 'Call again']) expect(screen.getByRole('button', { name })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Resume' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(await screen.findByText('by the scheduler')).toBeVisible();
  });

  it('says why the provider paused it, falling back to the code', async () => {
    fakeApi(campaignApi({ 'GET /v1/campaigns/:id': () => ({ status: 200, body: campaignDetail({ status: 'paused', pauseReason: 'balance_is_not_enough' }) }) }));
    renderApp(PAGE);
    expect(await screen.findByText(/balance is too low to place calls/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Resume' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();

    fakeApi(campaignApi({ 'GET /v1/campaigns/:id': () => ({ status: 200, body: campaignDetail({ status: 'paused', pauseReason: 'brand_new_code' }) }) }));
    renderApp(PAGE);
    expect(await screen.findByText(/with the code “brand_new_code”/)).toBeVisible();
  });

  it('pauses after a confirmation that names the effect, then shows the new state', async () => {
    let status = 'running';
    const requests = fakeApi(
      campaignApi({
        'GET /v1/campaigns/:id': () => ({ status: 200, body: campaignDetail({ status }) }),
        'POST /v1/campaigns/:id/pause': () => {
          status = 'paused';
          return { status: 200, body: campaignDetail({ status }) };
        },
      }),
    );
    const { user } = renderApp(PAGE);
    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Pause this campaign?' });
    expect(dialog).toHaveAccessibleDescription(/Pause: no new batch is sent after now; calls already ringing finish/);
    await user.click(within(dialog).getByRole('button', { name: 'Pause campaign' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(await screen.findByRole('button', { name: 'Resume' })).toBeVisible();
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/pause'))).toBe(true);
  });

  it('keeps the dialog open with the API’s message when the action is refused', async () => {
    fakeApi(
      campaignApi({
        'POST /v1/campaigns/:id/cancel': () => ({
          status: 409,
          body: { statusCode: 409, code: 'invalid_transition', message: 'Cannot cancel a campaign that is completed.', details: [] },
        }),
      }),
    );
    const { user } = renderApp(PAGE);
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Cancel this campaign?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel campaign' }));
    expect(await within(dialog).findByText('Cannot cancel a campaign that is completed.')).toBeVisible();
  });

  it('lists the numbers a page at a time, filtered by status and searched by number, and opens a row to its attempts', async () => {
    const requests = fakeApi(campaignApi());
    const { user } = renderApp(PAGE);
    const table = await screen.findByRole('table', { name: /Numbers/ });
    for (const name of ['Number', 'Status', 'Attempts', 'Last outcome']) expect(within(table).getByRole('columnheader', { name })).toBeVisible();
    expect(callsRequests(requests)[0]!.searchParams.get('limit')).toBe('50');

    await user.click(within(table).getByRole('button', { name: 'Attempts of 0901000000' }));
    expect(within(table).getByRole('button', { name: 'Attempts of 0901000000' })).toHaveAttribute('aria-expanded', 'true');
    expect(within(table).getByText('Attempt 2')).toBeVisible();

    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'No result' }));
    await waitFor(() => expect(callsRequests(requests).at(-1)!.searchParams.get('status')).toBe('no_result'));

    await user.type(screen.getByRole('searchbox', { name: 'Search by number' }), '12');
    expect(screen.getByText('Type at least 3 digits.')).toBeVisible();
    await user.type(screen.getByRole('searchbox', { name: 'Search by number' }), '3');
    await waitFor(() => expect(callsRequests(requests).at(-1)!.searchParams.get('phone')).toBe('123'));
    expect(callsRequests(requests).at(-1)!.searchParams.get('status')).toBe('no_result');
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', `/v1/campaigns/${CAMPAIGN_ID}/calls.csv?status=no_result&phone=123`);
  });

  it('offers Call again with the count of each outcome, and goes on to the wizard with the statuses chosen', async () => {
    fakeApi(campaignApi({ 'GET /v1/campaigns/:id': () => ({ status: 200, body: campaignDetail({ status: 'completed' }) }) }));
    const { user, history } = renderApp(PAGE);
    await user.click(await screen.findByRole('button', { name: 'Call again' }));
    const dialog = await screen.findByRole('dialog', { name: 'Call again' });
    expect(within(dialog).getByRole('checkbox', { name: /Not answered.*40 numbers/ })).toBeChecked();
    expect(within(dialog).getByRole('checkbox', { name: /No result.*10 numbers/ })).toBeChecked();
    expect(within(dialog).getByText('50 numbers will be called again.')).toBeVisible();
    await user.click(within(dialog).getByRole('checkbox', { name: /Unknown/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(history.location.pathname).toBe('/campaigns/new'));
    // The router writes the comma as %2C: the same value for URLSearchParams and the wizard.
    const search = new URLSearchParams(history.location.search);
    expect(Object.fromEntries(search)).toEqual({ from: CAMPAIGN_ID, statuses: 'failed,no_result,unknown' });
  });

  it('edits a scheduled campaign within the plan’s limits, sending only what changed', async () => {
    const requests = fakeApi(
      campaignApi({
        'GET /v1/me': () => ({ status: 200, body: { ...ME, limits: { maxCallsPerBatch: 50 } } }),
        'GET /v1/campaigns/:id': () => ({ status: 200, body: campaignDetail({ status: 'scheduled', startedAt: null }) }),
        'PATCH /v1/campaigns/:id': () => ({ status: 200, body: campaignDetail({ status: 'scheduled' }) }),
      }),
    );
    const patches = () => Promise.all(requests.filter((r) => r.method === 'PATCH').map((r) => r.clone().json()));
    const { user } = renderApp(PAGE);
    expect(screen.queryByRole('button', { name: 'Call again' })).toBeNull();
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit campaign' });
    expect(within(dialog).getByLabelText('Send time')).toHaveValue('2030-06-12T09:00');
    const name = within(dialog).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Autumn promotion');
    const perBatch = within(dialog).getByLabelText('Numbers per batch');
    await user.clear(perBatch);
    await user.type(perBatch, '60');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await within(dialog).findByText('Give a whole number from 1 to 50.')).toBeVisible();
    expect(await patches()).toEqual([]);
    await user.clear(perBatch);
    await user.type(perBatch, '8');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await patches()).toEqual([{ name: 'Autumn promotion', numberCallPerTime: 8 }]);
  });
});
