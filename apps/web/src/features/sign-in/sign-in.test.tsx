import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, GOOD_KEY, meRoute } from '@/test/fake-api.ts';
import { renderApp } from '@/test/render-app.tsx';

describe('sign-in', () => {
  it('says a wrong key is not valid, and keeps nothing', async () => {
    fakeApi(meRoute);
    const { user } = renderApp('/sign-in');
    await user.type(await screen.findByLabelText('API key'), 'ak_wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That API key is not valid');
    expect(sessionStorage.length).toBe(0);
  });

  it('asks for a key before calling the API', async () => {
    const requests = fakeApi(meRoute);
    const { user } = renderApp('/sign-in');
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your API key.')).toBeVisible();
    expect(screen.getByLabelText('API key')).toHaveAttribute('aria-invalid', 'true');
    expect(requests).toEqual([]);
  });

  it('keeps a good key in sessionStorage only and opens the campaigns', async () => {
    fakeApi(meRoute);
    const { user, history } = renderApp('/sign-in');
    await user.type(await screen.findByLabelText('API key'), GOOD_KEY);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Campaigns', level: 1 })).toBeVisible();
    expect(history.location.pathname).toBe('/campaigns');
    expect(Object.values(sessionStorage)).toEqual([GOOD_KEY]);
    expect(Object.values(localStorage)).not.toContain(GOOD_KEY);
  });

  it('sends a signed-out visitor from / to sign-in', async () => {
    fakeApi(meRoute);
    const { history } = renderApp('/');
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeVisible();
    expect(history.location.pathname).toBe('/sign-in');
  });
});
