import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { initialLanguage } from '@/lib/i18n.ts';
import { fakeApi, meRoute } from '@/test/fake-api.ts';
import { renderApp } from '@/test/render-app.tsx';

describe('theme switch', () => {
  it('turns dark and light, and remembers the choice', async () => {
    fakeApi(meRoute);
    const { user } = renderApp('/sign-in');
    await user.click(await screen.findByRole('button', { name: 'Theme' }));
    await user.click(await screen.findByRole('menuitemradio', { name: 'Dark' }));
    expect(document.documentElement).toHaveClass('dark');
    expect(localStorage.getItem('autocall.theme')).toBe('dark');

    await user.click(screen.getByRole('button', { name: 'Theme' }));
    expect(await screen.findByRole('menuitemradio', { name: 'Dark' })).toHaveAttribute('aria-checked', 'true');
    await user.click(screen.getByRole('menuitemradio', { name: 'Light' }));
    expect(document.documentElement).not.toHaveClass('dark');
    expect(localStorage.getItem('autocall.theme')).toBe('light');
  });

  it('follows the system again when asked (nothing remembered)', async () => {
    fakeApi(meRoute);
    localStorage.setItem('autocall.theme', 'dark');
    const { user } = renderApp('/sign-in');
    await user.click(await screen.findByRole('button', { name: 'Theme' }));
    await user.click(await screen.findByRole('menuitemradio', { name: 'System' }));
    expect(localStorage.getItem('autocall.theme')).toBeNull();
  });
});

describe('language switch', () => {
  it('switches to Vietnamese with the keyboard, names the page language, and remembers it', async () => {
    fakeApi(meRoute);
    const { user } = renderApp('/sign-in');
    (await screen.findByRole('button', { name: 'Language' })).focus();
    await user.keyboard('{Enter}');
    const menu = await screen.findByRole('menu');
    await user.click(within(menu).getByRole('menuitemradio', { name: 'Tiếng Việt' }));

    expect(await screen.findByLabelText('Khóa API')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
    expect(document.documentElement.lang).toBe('vi');
    expect(localStorage.getItem('autocall.language')).toBe('vi');
  });

  it('starts in the saved language, else the browser’s, else English', () => {
    expect(initialLanguage('vi', ['en-US'])).toBe('vi');
    expect(initialLanguage(null, ['vi-VN', 'en'])).toBe('vi');
    expect(initialLanguage(null, ['fr-FR', 'en-GB'])).toBe('en');
    expect(initialLanguage('de', ['fr'])).toBe('en');
  });
});
