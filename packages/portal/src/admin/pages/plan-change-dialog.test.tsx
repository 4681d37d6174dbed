import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, test, vi } from 'vitest';
import type { HttpClient } from '../../shared/api/http-client.ts';
import { createI18n } from '../../shared/i18n/i18n.ts';
import { RouterProvider } from '../../shared/router/router.tsx';
import type { License, PlanChangePreview, PlanOption } from '../api/admin-api.ts';
import { ADMIN_RESOURCES } from '../i18n/resources.ts';
import { StaffSessionProvider } from '../session/staff-session.tsx';
import { ChangePlanDialog } from './plan-change-dialog.tsx';

const plan = (code: string, en: string, priceCents: number): PlanOption => ({
  id: code, productId: 'engagement', code, name: { en }, policyId: 'engagement-policy', priceCents, currency: 'CAD', period: 'month', slots: [], upgradesTo: [],
});
const PLANS = [plan('plus', 'Plus', 7900), plan('basic', 'Basic', 4900), { ...plan('desktop', 'Desktop', 2900), productId: 'desktop' }];
const license: License = { id: 'l1', plan: { code: 'plus', name: 'Plus' }, status: 'active', startsAt: '2026-01-01T00:00:00.000Z', expiresAt: null, keyPrefix: 'LH-PLUS1', price: { priceCents: 7900, currency: 'CAD', period: 'month' } };

const seat = (feature: string, en: string, before: number, after: number, assigned: number) => ({
  featureId: feature, feature, name: { en }, seatKind: 'schedule', slotsBefore: before, slotsAfter: after,
  capacityBefore: before, capacityAfter: after, assigned, shortfall: Math.max(0, assigned - after),
});
const preview = (short: boolean): PlanChangePreview => ({
  license, from: PLANS[0], to: PLANS[1],
  priceChange: { currency: 'CAD', before: { month: 7900, year: 0 }, after: { month: 4900, year: 0 }, delta: { month: -3000, year: 0 } },
  seats: [seat('booking', 'Online Booking', 1, 0, short ? 1 : 0), seat('messages', 'Patient Messages', 1, 1, 0)],
  canChange: !short,
  release: short ? [{ featureId: 'booking', feature: 'booking', featureName: 'Online Booking', count: 1, slotsLeft: 0, candidates: [{ assignmentId: 'a1', licenseId: 'l1', resourceName: 'Main clinic', resourceKind: 'schedule' }] }] : [],
});

/** The dialog in a signed-in console over a fake HTTP client that answers the session and the preview. */
function renderDialog(answer: PlanChangePreview, onDone = vi.fn()) {
  const post = vi.fn(async () => license);
  const http: HttpClient = {
    get: vi.fn(async (path: string) => (path === '/v1/staff/session'
      ? { staff: { id: 's1', email: 'owner@vendor.test', name: 'Owner', role: 'owner', totpEnabled: false, createdAt: '', lastLoginAt: null }, csrfToken: 'csrf', changes: 'all' }
      : answer)) as HttpClient['get'],
    post: post as HttpClient['post'],
    patch: vi.fn() as HttpClient['patch'],
    delete: vi.fn() as HttpClient['delete'],
    setCsrfToken: () => undefined,
  };
  render(
    <I18nextProvider i18n={createI18n(ADMIN_RESOURCES, 'en')}>
      <RouterProvider base="/admin">
        <StaffSessionProvider http={http}>
          <ChangePlanDialog license={license} plans={PLANS} features={[]} onClose={vi.fn()} onDone={onDone} />
        </StaffSessionProvider>
      </RouterProvider>
    </I18nextProvider>,
  );
  return { http, post };
}

describe('changing a license\'s plan from the admin console', () => {
  test('lists only the other plans of the product and shows the server\'s preview before saving', async () => {
    const onDone = vi.fn();
    const { http, post } = renderDialog(preview(false), onDone);
    expect(screen.getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['basic']);
    await screen.findByText('Loses 1 Online Booking slot.');
    expect(http.get).toHaveBeenCalledWith('/v1/admin/licenses/l1/change-plan/preview?plan=basic');
    expect(screen.getByText('(-$30.00/month)')).toBeTruthy();
    const confirm = screen.getByRole('button', { name: 'Move to Basic' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('Basic'));
    expect(post).toHaveBeenCalledWith('/v1/admin/licenses/l1/change-plan', { plan: 'basic' });
  });

  test('when assignments must go first, says which pool and which assignments, and cannot be saved', async () => {
    const { post } = renderDialog(preview(true));
    await screen.findByText('Too many Online Booking assignments for this plan');
    expect(screen.getByText(/1 assigned, but only 0 would be licensed\. Remove 1 Online Booking assignment first/)).toBeTruthy();
    expect(screen.getByText('Main clinic')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Move to Basic' }) as HTMLButtonElement).disabled).toBe(true);
    expect(post).not.toHaveBeenCalled();
  });
});
