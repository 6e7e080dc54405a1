import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Checkbox } from './checkbox.tsx';
import { Label } from './label.tsx';
import { RadioGroup, RadioGroupOption } from './radio-group.tsx';
import { Stepper } from './stepper.tsx';
import { Switch } from './switch.tsx';
import { Textarea } from './textarea.tsx';

const steps = [
  { id: 'a', label: 'Numbers' },
  { id: 'b', label: 'Script' },
  { id: 'c', label: 'Review' },
];

describe('Stepper', () => {
  it('marks the current step, announces it, and goes back to a done step', async () => {
    const onSelect = vi.fn();
    render(<Stepper label="Steps" steps={steps} current={1} currentText="Step 2 of 3: Script" stateText={{ complete: 'done', current: 'current step' }} onSelect={onSelect} />);
    const nav = screen.getByRole('navigation', { name: 'Steps' });
    expect(nav.querySelector('[aria-current="step"]')).toHaveTextContent('Script');
    expect(screen.getByRole('status')).toHaveTextContent('Step 2 of 3: Script');
    await userEvent.click(screen.getByRole('button', { name: /Numbers/ }));
    expect(onSelect).toHaveBeenCalledWith(0);
    // Steps not reached yet are not buttons.
    expect(screen.queryByRole('button', { name: /Review/ })).toBeNull();
  });
});

describe('form controls', () => {
  it('checkbox and switch toggle by click and are named by their label', async () => {
    const user = userEvent.setup();
    render(
      <>
        <Checkbox id="c" />
        <Label htmlFor="c">Failed</Label>
        <Switch id="s" />
        <Label htmlFor="s">Start now</Label>
      </>,
    );
    await user.click(screen.getByRole('checkbox', { name: 'Failed' }));
    expect(screen.getByRole('checkbox', { name: 'Failed' })).toHaveAttribute('aria-checked', 'true');
    await user.click(screen.getByText('Start now'));
    expect(screen.getByRole('switch', { name: 'Start now' })).toHaveAttribute('aria-checked', 'true');
  });

  it('radio group: a named group, options named by their label and described by their line', async () => {
    function Choice() {
      const [value, setValue] = useState('now');
      return (
        <RadioGroup aria-label="Start" value={value} onValueChange={setValue}>
          <RadioGroupOption value="now" label="Now" />
          <RadioGroupOption value="later" label="Later" description="At a date and time" />
        </RadioGroup>
      );
    }
    const user = userEvent.setup();
    render(<Choice />);
    const later = screen.getByRole('radio', { name: 'Later' });
    expect(later).toHaveAccessibleDescription('At a date and time');
    await user.click(screen.getByText('Later'));
    expect(later).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('radiogroup', { name: 'Start' })).toBeVisible();
  });

  it('textarea takes a label', () => {
    render(
      <>
        <Label htmlFor="t">Phone numbers</Label>
        <Textarea id="t" />
      </>,
    );
    expect(screen.getByRole('textbox', { name: 'Phone numbers' })).toBeVisible();
  });
});
