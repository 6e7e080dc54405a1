import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_EVENTS } from '@autocall/domain/schemas';
import { fakeApi, GOOD_KEY, meRoute, type FakeRoute } from '@/test/fake-api.ts';
import { renderApp } from '@/test/render-app.tsx';

// The first lookup on a page waits for its lazily loaded chunk, slow on a cold, busy machine.
const pageLoad = { timeout: 5_000 };

const ENDPOINT = { id: '00000000-0000-4000-8000-0000000000e1', url: 'https://crm.example.vn/hooks', events: ['campaign.completed'], createdAt: Date.UTC(2030, 0, 1) };
const DELIVERY = {
  id: '7',
  event: 'campaign.completed',
  status: 'failed',
  attempts: 10,
  nextAttemptAt: null,
  lastStatus: 503,
  lastError: 'http_503',
  createdAt: Date.UTC(2030, 0, 2),
  deliveredAt: null,
  payload: {},
};

function route(post: (body: { url: string }) => { status: number; body: unknown }): FakeRoute {
  return (request) => {
    const url = new URL(request.url);
    if (url.pathname === '/v1/me') return meRoute(request);
    if (url.pathname === '/v1/webhooks' && request.method === 'GET') return { status: 200, body: { items: [ENDPOINT] } };
    if (url.pathname === `/v1/webhooks/${ENDPOINT.id}/deliveries`) return { status: 200, body: { items: [DELIVERY], nextCursor: null } };
    if (url.pathname === '/v1/webhooks' && request.method === 'POST') return post({ url: 'x' });
    return undefined;
  };
}

const privateRefusal = {
  status: 400,
  body: {
    statusCode: 400,
    code: 'validation_error',
    message: 'url must not point at localhost or a private, loopback or link-local address',
    details: [{ field: 'url', code: 'private_address', message: 'url must not point at localhost or a private, loopback or link-local address' }],
  },
};

describe('webhooks', () => {
  it('offers one checkbox per event, named by the event', async () => {
    sessionStorage.setItem('autocall.apiKey', GOOD_KEY);
    fakeApi(route(() => privateRefusal));
    renderApp('/webhooks');
    const group = await screen.findByRole('group', { name: 'Events' }, pageLoad);
    expect(within(group).getAllByRole('checkbox')).toHaveLength(WEBHOOK_EVENTS.length);
    for (const event of WEBHOOK_EVENTS) expect(within(group).getByRole('checkbox', { name: event })).not.toBeChecked();
  });

  it('shows the API refusing a private address as an error on URL', async () => {
    sessionStorage.setItem('autocall.apiKey', GOOD_KEY);
    const requests = fakeApi(route(() => privateRefusal));
    const { user } = renderApp('/webhooks');
    await user.type(await screen.findByLabelText('URL', {}, pageLoad), 'http://10.0.0.5/hook');
    await user.click(screen.getByRole('checkbox', { name: 'call.answered' }));
    await user.click(screen.getByRole('button', { name: 'Register webhook' }));
    expect(await screen.findByText(/points at localhost or a private network address/)).toBeVisible();
    expect(screen.getByLabelText('URL')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).toBeNull();
    const post = requests.find((r) => r.method === 'POST')!;
    expect(await post.json()).toEqual({ url: 'http://10.0.0.5/hook', events: ['call.answered'] });
  });

  it('checks the URL and the events before calling the API', async () => {
    sessionStorage.setItem('autocall.apiKey', GOOD_KEY);
    const requests = fakeApi(route(() => privateRefusal));
    const { user } = renderApp('/webhooks');
    await user.type(await screen.findByLabelText('URL', {}, pageLoad), 'crm.example.vn');
    await user.click(screen.getByRole('button', { name: 'Register webhook' }));
    expect(await screen.findByText('Enter a full http:// or https:// address.')).toBeVisible();
    expect(screen.getByText('Choose at least one event.')).toBeVisible();
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('shows the signing secret once, with a warning, then forgets it', async () => {
    sessionStorage.setItem('autocall.apiKey', GOOD_KEY);
    fakeApi(route(() => ({ status: 201, body: { ...ENDPOINT, secret: 'whsec_shown-once' } })));
    const { user } = renderApp('/webhooks');
    await user.type(await screen.findByLabelText('URL', {}, pageLoad), 'https://crm.example.vn/hooks');
    await user.click(screen.getByRole('button', { name: 'Select all events' }));
    await user.click(screen.getByRole('button', { name: 'Register webhook' }));
    expect(await screen.findByLabelText('Signing secret')).toHaveValue('whsec_shown-once');
    expect(screen.getByText(/the only time the secret is shown/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Copy Signing secret' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByDisplayValue('whsec_shown-once')).toBeNull();
    await waitFor(() => expect(screen.getByLabelText('URL')).toHaveFocus());
  });

  it('lists each endpoint with its recent deliveries and their status', async () => {
    sessionStorage.setItem('autocall.apiKey', GOOD_KEY);
    fakeApi(route(() => privateRefusal));
    renderApp('/webhooks');
    const card = await screen.findByRole('article', { name: ENDPOINT.url }, pageLoad);
    expect(within(card).getByText('Active')).toBeVisible();
    const row = (await within(card).findAllByRole('row'))[1]!;
    expect(row).toHaveTextContent('campaign.completed');
    expect(row).toHaveTextContent('Failed');
    expect(row).toHaveTextContent('HTTP 503 · http_503');
    expect(within(card).getByRole('button', { name: `Delete webhook ${ENDPOINT.url}` })).toBeVisible();
  });
});
