import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, GOOD_KEY, meRoute, type FakeRoute } from '@/test/fake-api.ts';
import { renderApp } from '@/test/render-app.tsx';

// The first lookup on a page waits for its lazily loaded chunk, slow on a cold, busy machine.
const pageLoad = { timeout: 5_000 };
import { splitPhones } from './schema.ts';

const ITEM = { phone: '0912345678', reason: 'asked', createdAt: Date.UTC(2030, 5, 12, 2, 0) };

// The do-not-call list as the API answers it; `total` absent imitates an API without it.
function listRoute(options: { total?: number; items?: (typeof ITEM)[] } = {}): FakeRoute {
  return (request) => {
    const url = new URL(request.url);
    if (url.pathname === '/v1/me') return meRoute(request);
    if (url.pathname === '/v1/suppressions' && request.method === 'GET') {
      return { status: 200, body: { items: options.items ?? [ITEM], nextCursor: null, ...(options.total !== undefined ? { total: options.total } : {}) } };
    }
    if (url.pathname === '/v1/suppressions' && request.method === 'POST') {
      return { status: 200, body: { added: 2, duplicated: 1, invalid: 1, invalidExamples: [{ input: 'abc', reason: 'not_a_number', position: 3 }] } };
    }
    if (url.pathname === '/v1/suppressions/0912345678' && request.method === 'DELETE') return { status: 204, body: null };
    return undefined;
  };
}

function signedIn() {
  sessionStorage.setItem('autocall.apiKey', GOOD_KEY);
}

describe('do-not-call list', () => {
  it('says how many numbers the list holds, from `total`', async () => {
    signedIn();
    fakeApi(listRoute({ total: 12_345 }));
    renderApp('/do-not-call');
    expect(await screen.findByText('12,345 numbers on the list', {}, pageLoad)).toBeVisible();
    expect(screen.getByRole('cell', { name: '0912345678' })).toBeVisible();
  });

  it('counts the list itself when the API gives no total', async () => {
    signedIn();
    const requests = fakeApi(listRoute());
    renderApp('/do-not-call');
    expect(await screen.findByText('1 number on the list', {}, pageLoad)).toBeVisible();
    expect(requests.some((r) => new URL(r.url).searchParams.get('limit') === '1000')).toBe(true);
  });

  it('sends the pasted numbers one by one with the reason, and shows what the API did', async () => {
    signedIn();
    const requests = fakeApi(listRoute({ total: 1 }));
    const { user } = renderApp('/do-not-call');
    await user.type(await screen.findByLabelText('Phone numbers', {}, pageLoad), '0912345678, 0987654321{Enter}{Enter}0911222333{Enter}abc');
    await user.type(screen.getByLabelText('Reason'), 'opted out');
    await user.click(screen.getByRole('button', { name: 'Add numbers' }));
    const report = await screen.findByText('Added to the list');
    const box = report.parentElement!;
    expect(box).toHaveTextContent('2added');
    expect(box).toHaveTextContent('1already on the list');
    expect(box).toHaveTextContent('1invalid');
    expect(box).toHaveTextContent('entry 4abc— not a number');
    const post = requests.find((r) => r.method === 'POST')!;
    expect(await post.json()).toEqual({ phones: ['0912345678', '0987654321', '0911222333', 'abc'], reason: 'opted out' });
  });

  it('asks for numbers before calling the API', async () => {
    signedIn();
    const requests = fakeApi(listRoute({ total: 1 }));
    const { user } = renderApp('/do-not-call');
    await user.click(await screen.findByRole('button', { name: 'Add numbers' }, pageLoad));
    expect(await screen.findByText('Paste at least one number.')).toBeVisible();
    expect(screen.getByLabelText('Phone numbers')).toHaveAttribute('aria-invalid', 'true');
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('waits for 3 digits before searching', async () => {
    signedIn();
    const requests = fakeApi(listRoute({ total: 1 }));
    const { user } = renderApp('/do-not-call');
    await user.type(await screen.findByLabelText('Search by number', {}, pageLoad), '12');
    expect(await screen.findByText('Type at least 3 digits.')).toBeVisible();
    expect(requests.some((r) => new URL(r.url).searchParams.has('phone'))).toBe(false);
    await user.type(screen.getByLabelText('Search by number'), '3');
    await waitFor(() => expect(requests.some((r) => new URL(r.url).searchParams.get('phone') === '123')).toBe(true));
  });

  it('removes a number only after a confirmation naming the effect', async () => {
    signedIn();
    const requests = fakeApi(listRoute({ total: 1 }));
    const { user } = renderApp('/do-not-call');
    await user.click(await screen.findByRole('button', { name: 'Remove 0912345678' }, pageLoad));
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove 0912345678 from the do-not-call list?' });
    expect(dialog).toHaveTextContent('Campaigns may call this number again');
    expect(requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('0912345678 is no longer on the list.')).toBeVisible();
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => new URL(r.url).pathname)).toEqual(['/v1/suppressions/0912345678']);
  });

  it('speaks Vietnamese', async () => {
    signedIn();
    fakeApi(listRoute({ total: 3 }));
    renderApp('/do-not-call', { language: 'vi' });
    expect(await screen.findByRole('heading', { name: 'Danh sách không gọi', level: 1 }, pageLoad)).toBeVisible();
    expect(await screen.findByText('Danh sách có 3 số')).toBeVisible();
    expect(screen.getByLabelText('Tìm theo số')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Xóa 0912345678' })).toBeVisible();
  });
});

describe('splitPhones', () => {
  it('splits on lines, commas and semicolons and drops blanks', () => {
    expect(splitPhones(' 0912 345 678 ,0987654321;\r\n\n+84911222333 ')).toEqual(['0912 345 678', '0987654321', '+84911222333']);
    expect(splitPhones(' \n , ')).toEqual([]);
  });
});
