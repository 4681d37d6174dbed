import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, test, vi } from 'vitest';
import type { LicenseItem, RemovalNeed } from '../../shared/api/account-types.ts';
import { ApiError } from '../../shared/api/http-client.ts';
import { renderPortal } from '../testing/render-portal.tsx';
import { RemoveLicenseDialog } from './remove-dialogs.tsx';

const license = {
  id: 'l1', keyPrefix: 'LH-PLUS1', status: 'active', grantsSlots: true, startsAt: '2026-01-01T00:00:00.000Z', expiresAt: null, upgradesTo: [], assignments: [],
  plan: { id: 'p', code: 'engagement-plus', name: { en: 'Patient Engagement License (Plus)', fr: null }, priceCents: 7900, currency: 'CAD', period: 'month' },
  resetBudget: { limit: 0, used: 0, remaining: 0, windowDays: 365, nextRefillAt: null },
} as LicenseItem;
const feature = (code: string, en: string) => ({ id: code, code, name: { en, fr: null }, seatKind: 'schedule' });
const candidate = (id: string) => ({ assignmentId: id, licenseId: 'l1', resource: { id: `r-${id}`, kind: 'schedule', name: id } });
const needs: RemovalNeed[] = [
  { feature: feature('patient-messages', 'Patient Messages'), count: 1, candidates: [candidate('Dr A'), candidate('Dr B')] },
  { feature: feature('patient-reminders', 'Patient Reminders'), count: 1, candidates: [candidate('Main'), candidate('Lab')] },
];
const priceChange = { currency: 'CAD', before: { month: 26500, year: 0 }, after: { month: 18600, year: 0 }, delta: { month: -7900, year: 0 } };

describe('removing a license with a choice of rows', () => {
  test('asks for one row of each table, shows the cost change, and sends the chosen rows', async () => {
    const removeLicense = vi.fn(async (_id: string, ids: string[], dryRun: boolean) => {
      if (ids.length < 2) throw new ApiError({ status: 409, code: 'REMOVAL_NEEDS_CHOICE', detail: 'choose', needs, priceChange });
      return { dryRun, license, released: ids, rebound: [], priceChange } as never;
    });
    const onDone = vi.fn();
    renderPortal(<RemoveLicenseDialog license={license} preselected={['Lab']} onClose={vi.fn()} onDone={onDone} />, { api: { removeLicense } });

    await screen.findByRole('group', { name: 'Remove 1 from Patient Messages' });
    expect((screen.getByRole('radio', { name: 'Lab' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('1 more to choose.')).toBeTruthy();
    expect(screen.getByText(/\$265\.00/)).toBeTruthy();
    const confirm = screen.getByRole('button', { name: 'Remove the license' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);

    fireEvent.click(screen.getByRole('radio', { name: 'Dr B' }));
    await waitFor(() => expect(confirm.disabled).toBe(false));
    expect(removeLicense).toHaveBeenLastCalledWith('l1', ['Dr B', 'Lab'], true);
    fireEvent.click(confirm);
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(removeLicense).toHaveBeenLastCalledWith('l1', ['Dr B', 'Lab'], false);
  });

  test('a license with free slots goes without a choice', async () => {
    const removeLicense = vi.fn(async () => ({ dryRun: true, license, released: [], rebound: [], priceChange }) as never);
    renderPortal(<RemoveLicenseDialog license={license} onClose={vi.fn()} onDone={vi.fn()} />, { api: { removeLicense } });
    await screen.findByText(/\$186\.00/);
    expect(screen.queryByRole('radio')).toBeNull();
    expect((screen.getByRole('button', { name: 'Remove the license' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
