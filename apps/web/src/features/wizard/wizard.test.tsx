import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GOOD_KEY } from '@/test/fake-api.ts';
import { renderApp } from '@/test/render-app.tsx';
import { CREATED_ID, SOURCE_ID, fakeWizardApi } from './wizard-fake-api.ts';

const slow = { timeout: 4_000 };
vi.setConfig({ testTimeout: 30_000 });
const heading = (name: string) => screen.findByRole('heading', { name, level: 2 }, slow);

// A count is its number and its word in one list item ("2 accepted"), in two spans.
const count = (text: string) => (_: string, element: Element | null) => element?.tagName === 'LI' && element.textContent === text;

beforeEach(() => sessionStorage.setItem('autocall.apiKey', GOOD_KEY));

async function pasteNumbers(user: ReturnType<typeof renderApp>['user'], text: string) {
  const box = await screen.findByRole('textbox', { name: 'Phone numbers' }, slow);
  await user.clear(box);
  await user.click(box);
  await user.paste(text);
}

describe('numbers step', () => {
  it('shows the dry run’s counts and the first invalid lines with their reasons, then goes on', async () => {
    const log = fakeWizardApi();
    const { user } = renderApp('/campaigns/new');
    await pasteNumbers(user, '0912345678\n0912345678, abc\n0912345999\n0987654321');
    expect(await screen.findByText(count('2 accepted'), {}, slow)).toBeVisible();
    expect(screen.getByText(count('1 duplicated'))).toBeVisible();
    expect(screen.getByText(count('1 invalid'))).toBeVisible();
    expect(screen.getByText(count('1 suppressed'))).toBeVisible();
    const table = screen.getByRole('table');
    expect(within(table).getByRole('cell', { name: 'Not a number' })).toBeVisible();
    expect(within(table).getByRole('cell', { name: 'abc' })).toBeVisible();
    // The numbers went to the dry run as the list the paste box holds (lines and commas).
    expect(log.validate.at(-1)).toMatchObject({ phoneNumbers: ['0912345678', '0912345678', 'abc', '0912345999', '0987654321'] });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await heading('Script')).toHaveFocus();
    expect(screen.getByRole('navigation', { name: 'Steps' }).querySelector('[aria-current="step"]')).toHaveTextContent('Script');
  });

  it('blocks Next until at least one number is accepted', async () => {
    fakeWizardApi();
    const { user } = renderApp('/campaigns/new');
    await user.click(await screen.findByRole('button', { name: 'Next' }, slow));
    expect(await screen.findByText('Paste at least one number, or upload a file.')).toBeVisible();
    await pasteNumbers(user, 'abc\n123');
    expect(await screen.findByText(count('0 accepted'), {}, slow)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('No number in this list can be called.')).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Name and numbers', level: 2 })).toBeVisible();
  });
});

describe('in Vietnamese', () => {
  it('has its own names and words the counts', async () => {
    fakeWizardApi();
    const { user } = renderApp('/campaigns/new', { language: 'vi' });
    const box = await screen.findByRole('textbox', { name: 'Số điện thoại' }, slow);
    expect(screen.getByLabelText('Tải tệp lên')).toBeInTheDocument();
    await user.click(box);
    await user.paste('0912345678\nabc');
    expect(await screen.findByText(count('1 hợp lệ'), {}, slow)).toBeVisible();
    expect(screen.getByText(count('1 không hợp lệ'))).toBeVisible();
    expect(screen.getByRole('cell', { name: 'Không phải số điện thoại' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    expect(await screen.findByRole('radiogroup', { name: 'Loại kịch bản' }, slow)).toBeVisible();
    expect(screen.getByText('0 / 300 ký tự')).toBeVisible();
  });
});

describe('a file of numbers', () => {
  it('previews its first lines, sends it to the dry run once, plans from its count, and uploads it', async () => {
    const log = fakeWizardApi();
    const { user, history } = renderApp('/campaigns/new');
    const file = new File(['phone\n0912345678\n0987654321\n0911111111\nabc\n'], 'list.csv', { type: 'text/csv' });
    await user.upload(await screen.findByLabelText('Upload a file', {}, slow), file);
    expect(await screen.findByText('list.csv')).toBeVisible();
    expect(screen.getByText(/^phone\s+0912345678/)).toBeVisible();
    expect(screen.queryByRole('textbox', { name: 'Phone numbers' })).toBeNull();
    expect(await screen.findByText(count('3 accepted'), {}, slow)).toBeVisible();
    expect(screen.getByText(count('1 invalid'))).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.type(await screen.findByRole('textbox', { name: 'Text to speak' }, slow), 'Xin chào');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await heading('Pacing');
    const perBatch = screen.getByRole('spinbutton', { name: 'Numbers per batch' });
    await user.clear(perBatch);
    await user.type(perBatch, '2');
    const plan = await screen.findByRole('region', { name: 'Plan' });
    await waitFor(() => expect(within(plan).getByText('Batches').nextSibling).toHaveTextContent('2'), slow);
    for (const step of ['When', 'Review and create']) {
      await user.click(screen.getByRole('button', { name: 'Next' }));
      await heading(step);
    }
    await user.click(screen.getByRole('button', { name: 'Create campaign' }));
    await waitFor(() => expect(history.location.pathname).toBe(`/campaigns/${CREATED_ID}`), slow);
    expect(log.validate).toHaveLength(1);
    expect(log.creates[0]).toMatchObject({ path: '/v1/campaigns/upload', body: { multipart: true, numberCallPerTime: 2, phoneNumbers: ['0912345678', '0987654321', '0911111111', 'abc'] } });
  });
});

describe('script step', () => {
  it('counts the text to speak live and turns the counter to an error past 300', async () => {
    fakeWizardApi();
    const { user } = renderApp('/campaigns/new');
    await pasteNumbers(user, '0912345678');
    await screen.findByText(count('1 accepted'), {}, slow);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await heading('Script');
    const text = screen.getByRole('textbox', { name: 'Text to speak' });
    await user.click(text);
    await user.paste('a'.repeat(301));
    expect(screen.getByText('301 / 300 characters')).toBeVisible();
    expect(await screen.findByText('At most 300 characters.')).toBeVisible();
    expect(text).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('heading', { name: 'Script', level: 2 })).toBeVisible();
    await user.keyboard('{Backspace}');
    expect(screen.getByText('300 / 300 characters')).toBeVisible();
    await waitFor(() => expect(screen.queryByText('At most 300 characters.')).toBeNull());
    expect(screen.getByRole('radiogroup', { name: 'Script type' })).toBeVisible();
  });
});

describe('the whole wizard', () => {
  it('goes through every step, shows the plan, and creates with one Idempotency-Key', async () => {
    const log = fakeWizardApi({ maxCallsPerBatch: 20 });
    const { user, history } = renderApp('/campaigns/new');
    await user.type(await screen.findByRole('textbox', { name: 'Name' }, slow), 'Spring promo');
    await pasteNumbers(user, '0912345678\n0987654321\n0911111111');
    await screen.findByText(count('3 accepted'), {}, slow);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await heading('Script');
    await user.type(screen.getByRole('textbox', { name: 'Text to speak' }), 'Xin chào');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await heading('Pacing');

    // Above the plan's limit: the API's own refusal from the dry run is shown on the field.
    const perBatch = screen.getByRole('spinbutton', { name: 'Numbers per batch' });
    await user.clear(perBatch);
    await user.type(perBatch, '30');
    expect(await screen.findByText('At most 20.', {}, slow)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Calls started together: 1 to 20 (your plan\'s limit).', {}, slow)).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Pacing', level: 2 })).toBeVisible();
    await user.clear(perBatch);
    await user.type(perBatch, '2');
    for (const name of ['Seconds between batches', 'Retries', 'Retry after (seconds)']) expect(screen.getByRole('spinbutton', { name })).toBeVisible();
    const plan = await screen.findByRole('region', { name: 'Plan' });
    await waitFor(() => expect(within(plan).getByText('Batches').nextSibling).toHaveTextContent('2'), slow);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await heading('When');
    expect(screen.getByRole('grid', { name: 'Call windows' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Weekdays 08:00–17:00' }));
    expect(screen.getByRole('gridcell', { name: 'Saturday 10:00–11:00, not allowed' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await heading('Review and create');
    expect(screen.getByText('Spring promo')).toBeVisible();

    const create = screen.getByRole('button', { name: 'Create campaign' });
    await user.dblClick(create);
    await waitFor(() => expect(history.location.pathname).toBe(`/campaigns/${CREATED_ID}`), slow);
    expect(log.creates.length).toBeGreaterThanOrEqual(1);
    expect(new Set(log.creates.map((c) => c.key)).size).toBe(1);
    expect(log.creates[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(log.creates[0]!.body).toMatchObject({
      name: 'Spring promo',
      phoneNumbers: ['0912345678', '0987654321', '0911111111'],
      scripts: [{ targetType: 'callBotTextVariable', targetValue: 'Xin chào', voice: 'northern_female_ngocanh', speed: 1 }],
      numberCallPerTime: 2,
      timeZone: 'Asia/Ho_Chi_Minh',
      callWindows: { mon: [['08:00', '17:00']], fri: [['08:00', '17:00']] },
    });
  });

  it('puts the API’s field errors on their fields and goes back to the step that owns them', async () => {
    const message = 'scripts.0.targetValue must be at most 300 characters long.';
    fakeWizardApi({
      createError: { statusCode: 400, code: 'validation_error', message, details: [{ field: 'scripts.0.targetValue', code: 'too_long', message }] },
    });
    const { user } = renderApp('/campaigns/new');
    await pasteNumbers(user, '0912345678');
    await screen.findByText(count('1 accepted'), {}, slow);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.type(await screen.findByRole('textbox', { name: 'Text to speak' }), 'Xin chào');
    for (const step of ['Pacing', 'When', 'Review and create']) {
      await user.click(screen.getByRole('button', { name: 'Next' }));
      await heading(step);
    }
    await user.click(screen.getByRole('button', { name: 'Create campaign' }));
    await heading('Script');
    expect(await screen.findByText(message)).toBeVisible();
  });
});

describe('call-again mode', () => {
  it('prefills from the source campaign and creates through call-again with the statuses', async () => {
    const log = fakeWizardApi();
    const { user, history } = renderApp(`/campaigns/new?from=${SOURCE_ID}&statuses=failed,no_result`);
    expect(await screen.findByText('6 numbers from Spring promo (Not answered, No result)', {}, slow)).toBeVisible();
    expect(screen.queryByRole('textbox', { name: 'Phone numbers' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Spring promo — call again');
    await user.click(screen.getByRole('checkbox', { name: 'Cancelled' }));
    expect(await screen.findByText('7 numbers from Spring promo (Not answered, No result, Cancelled)')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('textbox', { name: 'Text to speak' }, slow)).toHaveValue('Xin chào');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await heading('Pacing');
    expect(screen.getByRole('spinbutton', { name: 'Numbers per batch' })).toHaveValue(20);
    const plan = await screen.findByRole('region', { name: 'Plan' });
    // No dry run exists for call-again: the plan comes from the API's planner over the 7 numbers.
    await waitFor(() => expect(within(plan).getByText('Batches').nextSibling).toHaveTextContent('1'), slow);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await heading('When');
    expect(screen.getByRole('gridcell', { name: 'Monday 08:00–09:00, allowed' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Create campaign' }));
    await waitFor(() => expect(history.location.pathname).toBe(`/campaigns/${CREATED_ID}`), slow);
    expect(log.creates[0]).toMatchObject({
      path: `/v1/campaigns/${SOURCE_ID}/call-again`,
      body: { statuses: ['failed', 'no_result', 'cancelled'], name: 'Spring promo — call again', numberCallPerTime: 20, skipDates: ['2030-09-02'] },
    });
    expect(log.creates[0]!.body).not.toHaveProperty('phoneNumbers');
  });
});
