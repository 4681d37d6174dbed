import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, test, vi } from 'vitest';
import type { Pool, SeatRow } from '../../shared/api/account-types.ts';
import { renderPortal } from '../testing/render-portal.tsx';
import { ActivationTable } from './activation-table.tsx';

const row = (name: string, health: SeatRow['resource']['health']): SeatRow => ({
  assignmentId: `a-${name}`, licenseId: 'l1', feature: 'patient-reminders', assignedAt: '2026-01-10T12:00:00.000Z', activation: null,
  resource: { id: `r-${name}`, kind: 'schedule', name, health },
  cost: { planCode: 'engagement-plus', priceCents: 7900, currency: 'CAD', period: 'month' },
});
const pool = (capacity: number, rows: SeatRow[]): Pool => ({
  feature: { id: 'f', code: 'patient-reminders', name: { en: 'Patient Reminders', fr: 'Rappels aux patients' }, seatKind: 'schedule' },
  capacity, assigned: rows.length, unassigned: capacity - rows.length, rows,
});

describe('an activation table', () => {
  test.each([
    { capacity: 4, rows: 2, prompt: 'Allocate 2 unassigned schedules' },
    { capacity: 3, rows: 2, prompt: 'Allocate 1 unassigned schedule' },
    { capacity: 2, rows: 2, prompt: null },
  ])('with $capacity licenses and $rows rows the prompt is $prompt', ({ capacity, rows, prompt }) => {
    const onAllocate = vi.fn();
    renderPortal(<ActivationTable pool={pool(capacity, [row('Main clinic', 'ok'), row('Walk-in clinic', 'ok')].slice(0, rows))} canChange onRemove={vi.fn()} onAllocate={onAllocate} />);
    const button = screen.queryByRole('button', { name: /Allocate/ });
    if (prompt === null) {
      expect(button).toBeNull();
    } else {
      expect(button?.textContent).toBe(prompt);
      fireEvent.click(button!);
      expect(onAllocate).toHaveBeenCalledTimes(1);
    }
  });

  test('red and yellow rows say what is wrong, what to do and what they cost', () => {
    renderPortal(<ActivationTable pool={pool(3, [row('Main clinic', 'ok'), row('Lab', 'unreachable'), row('Walk-in', 'not_synchronised')])} canChange onRemove={vi.fn()} onAllocate={vi.fn()} />);
    expect(screen.getByText('Not reachable')).toBeTruthy();
    expect(screen.getByText('Not synchronised')).toBeTruthy();
    expect(screen.getByText(/remove the licenses that use it so you are no longer billed for it \(\$79\.00\/month\)/)).toBeTruthy();
    expect(screen.getByText(/selected for synchronisation.*Its license costs \$79\.00\/month/)).toBeTruthy();
    expect(screen.getAllByText('Synchronised')).toHaveLength(1);
  });

  test('each Remove names its row for screen readers, and calls back with it', () => {
    const onRemove = vi.fn();
    renderPortal(<ActivationTable pool={pool(1, [row('Main clinic', 'ok')])} canChange onRemove={onRemove} onAllocate={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Main clinic from Patient Reminders' }));
    expect(onRemove).toHaveBeenCalledWith(expect.objectContaining({ assignmentId: 'a-Main clinic' }));
  });

  test('a viewer sees the controls disabled', () => {
    renderPortal(<ActivationTable pool={pool(2, [row('Main clinic', 'ok')])} canChange={false} onRemove={vi.fn()} onAllocate={vi.fn()} />, { role: 'viewer' });
    expect((screen.getByRole('button', { name: /Remove Main clinic/ }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: /Allocate/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  test('in French, with fr-CA money', () => {
    renderPortal(<ActivationTable pool={pool(2, [row('Main clinic', 'unreachable')])} canChange onRemove={vi.fn()} onAllocate={vi.fn()} />, { language: 'fr' });
    expect(screen.getByRole('heading', { name: 'Rappels aux patients' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Allouer 1 horaire non assigné' })).toBeTruthy();
    expect(screen.getByText(/ne plus être facturé \(79,00\s\$\/mois\)/)).toBeTruthy();
  });
});
