import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, GOOD_KEY, ME, meRoute, type FakeRoute } from '@/test/fake-api.ts';
import { renderApp } from '@/test/render-app.tsx';

// The first lookup on a page waits for its lazily loaded chunk, slow on a cold, busy machine.
const pageLoad = { timeout: 5_000 };

const key = (id: string, name: string, role: 'admin' | 'member', revokedAt: number | null = null) => ({
  id,
  tenantId: ME.tenantId,
  tenantName: 'default',
  name,
  keyPrefix: 'ak_abcd',
  role,
  createdAt: Date.UTC(2030, 0, 1),
  revokedAt,
});
const OWN = key(ME.apiKeyId, 'bootstrap', 'admin');
const CRM = key('00000000-0000-4000-8000-0000000000c1', 'CRM', 'member');

const route: FakeRoute = (request) => {
  const url = new URL(request.url);
  if (url.pathname === '/v1/me') return meRoute(request);
  if (url.pathname === '/v1/admin/api-keys' && request.method === 'GET') return { status: 200, body: { items: [OWN, CRM] } };
  if (url.pathname === '/v1/admin/api-keys' && request.method === 'POST') {
    return { status: 201, body: { ...key('00000000-0000-4000-8000-0000000000c2', 'New', 'member'), secret: 'ak_new-secret', tenantCreated: false } };
  }
  if (url.pathname === `/v1/admin/api-keys/${CRM.id}` && request.method === 'DELETE') return { status: 204, body: null };
  return undefined;
};

describe('API keys', () => {
  it('lists the workspace’s keys and protects the one in use', async () => {
    sessionStorage.setItem('autocall.apiKey', GOOD_KEY);
    const requests = fakeApi(route);
    renderApp('/api-keys');
    const own = (await screen.findByRole('cell', { name: /bootstrap/ }, pageLoad)).closest('tr')!;
    expect(within(own).getByText('Your key')).toBeVisible();
    expect(within(own).queryByRole('button')).toBeNull();
    expect(screen.getByRole('button', { name: 'Revoke CRM' })).toBeVisible();
    const list = requests.find((r) => new URL(r.url).pathname === '/v1/admin/api-keys')!;
    expect(new URL(list.url).searchParams.get('tenantId')).toBe(ME.tenantId);
  });

  it('creates a key for this workspace and shows it once', async () => {
    sessionStorage.setItem('autocall.apiKey', GOOD_KEY);
    const requests = fakeApi(route);
    const { user } = renderApp('/api-keys');
    await user.type(await screen.findByLabelText('Name', {}, pageLoad), 'New');
    await user.click(screen.getByRole('radio', { name: 'Admin' }));
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByLabelText('New API key')).toHaveValue('ak_new-secret');
    expect(screen.getByText(/You will not see it again/)).toBeVisible();
    const post = requests.find((r) => r.method === 'POST')!;
    expect(await post.json()).toEqual({ tenant: ME.tenantId, name: 'New', role: 'admin' });
    await user.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByDisplayValue('ak_new-secret')).toBeNull();
  });

  it('revokes only after a confirmation saying requests stop at once', async () => {
    sessionStorage.setItem('autocall.apiKey', GOOD_KEY);
    const requests = fakeApi(route);
    const { user } = renderApp('/api-keys');
    await user.click(await screen.findByRole('button', { name: 'Revoke CRM' }, pageLoad));
    const dialog = await screen.findByRole('alertdialog', { name: 'Revoke “CRM”?' });
    expect(dialog).toHaveTextContent('Requests with this key stop working at once');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    await screen.findByRole('button', { name: 'Revoke CRM' });
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => new URL(r.url).pathname)).toEqual([`/v1/admin/api-keys/${CRM.id}`]);
  });

  it('asks for a name', async () => {
    sessionStorage.setItem('autocall.apiKey', GOOD_KEY);
    const requests = fakeApi(route);
    const { user } = renderApp('/api-keys', { language: 'vi' });
    await user.click(await screen.findByRole('button', { name: 'Tạo khóa' }, pageLoad));
    expect(await screen.findByText('Hãy đặt tên cho khóa.')).toBeVisible();
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
  });
});
