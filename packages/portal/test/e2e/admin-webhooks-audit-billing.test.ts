// The admin console's operations pages in the browser: the owner creates a webhook endpoint that
// points at a local receiver, sends it a test and sees it delivered, retries a waiting delivery;
// filters the audit log by the demo clinic and a type and exports it as CSV; opens this month's
// billing and sees the clinic's lines, and downloads them. Then the three pages in French.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parseCsv } from '@leasehold/server/testing/csv.ts';
import { startReceiver, type Receiver } from '@leasehold/server/testing/webhook-receiver.ts';
import type { Browser, Download, Page } from 'playwright-core';
import { launchBrowser, newPortalPage, pageErrors, screenshots, startPortalServer, type PortalServer } from './portal-harness.ts';

describe('admin console: webhooks, audit log, billing', { concurrency: false }, () => {
  let server: PortalServer;
  let browser: Browser;
  let page: Page;
  let receiver: Receiver;
  before(async () => {
    // The receiver listens on 127.0.0.1: this operator allows private destinations.
    server = await startPortalServer({ webhookAllowPrivate: true });
    receiver = await startReceiver();
    browser = await launchBrowser();
    ({ page } = await newPortalPage(browser));
  });
  after(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.close();
  });

  /** The downloaded file's text, without the byte order mark, as rows. */
  const csvOf = async (download: Download) => {
    const text = fs.readFileSync(await download.path(), 'utf8');
    assert.ok(text.startsWith('\uFEFF'), 'the CSV starts with a byte order mark');
    return parseCsv(text.slice(1));
  };
  const downloadFrom = async (name: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    return download;
  };

  test('the owner creates an endpoint, sees its secret once, sends a test and retries a waiting delivery', async () => {
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('Email address').fill(server.demo.staff.email);
    await page.getByLabel('Password').fill(server.demo.staff.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByText('No endpoint yet.').waitFor();
    await page.getByRole('button', { name: 'New endpoint…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New webhook endpoint' });
    await dialog.getByRole('button', { name: 'Create the endpoint' }).click();
    await dialog.getByText('Enter the URL, starting with http:// or https://.').waitFor();
    await dialog.getByText('Choose at least one event type.').waitFor();
    await dialog.getByLabel('URL').fill(receiver.url);
    await dialog.getByLabel('Description (optional)').fill('Local receiver');
    await dialog.getByLabel('All license events, including new ones').check();
    await dialog.getByLabel('customer.created').check();
    assert.equal(await dialog.getByLabel('license.suspended').isDisabled(), true, 'a type the group covers is ticked and locked');
    await screenshots(page, 'admin-ops-01-new-endpoint');
    await dialog.getByRole('button', { name: 'Create the endpoint' }).click();
    const secret = await dialog.locator('code.secret').innerText();
    assert.match(secret, /^whsec_/);
    await screenshots(page, 'admin-ops-02-secret');
    await dialog.getByRole('button', { name: 'Close' }).last().click();

    const row = page.getByRole('row', { name: new RegExp(receiver.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
    assert.deepEqual(await row.locator('.chip-list code').allInnerTexts(), ['customer.created', 'license.*']);
    assert.equal(await page.getByText(secret).count(), 0, 'the secret is not shown again');
    await page.getByRole('button', { name: `Send a test: ${receiver.url}` }).click();
    await page.getByText(`The test was delivered: ${receiver.url} answered HTTP 200.`).waitFor();
    assert.equal(receiver.received.length, 1);
    const sent = JSON.parse(receiver.received[0].body);
    assert.equal(sent.type, 'webhook.test');
    const deliveries = page.getByRole('region', { name: `Deliveries to ${receiver.url}` });
    await deliveries.getByRole('row', { name: /webhook\.test/ }).getByText('Delivered').waitFor();

    // A change by the owner makes a delivery that waits for the dispatcher (none runs here): Retry sends it now.
    const session = await (await page.request.get(`${server.url}/v1/staff/session`)).json();
    const customer = await (await page.request.get(`${server.url}/v1/admin/customers/${server.demo.customer.id}`)).json();
    const suspended = await page.request.post(`${server.url}/v1/admin/licenses/${customer.licenses[0].id}/suspend`, {
      headers: { 'x-csrf-token': session.csrfToken }, data: { reason: 'Card expired, asked by phone' },
    });
    assert.equal(suspended.status(), 200, await suspended.text());
    await deliveries.getByRole('button', { name: 'Refresh' }).click();
    const waiting = deliveries.getByRole('row', { name: /license\.suspended/ });
    await waiting.getByText('Pending').waitFor();
    await waiting.getByText('Not tried yet').waitFor();
    await screenshots(page, 'admin-ops-03-deliveries');
    await waiting.getByRole('button', { name: /^Retry: license\.suspended/ }).click();
    await page.getByText('Sent again: Delivered.').waitFor();
    await waiting.getByText('Answered HTTP 200').waitFor();
    assert.deepEqual(receiver.received.map((r) => JSON.parse(r.body).type), ['webhook.test', 'license.suspended']);
    await screenshots(page, 'admin-ops-04-retried');
  });

  test('the audit log filtered by the demo clinic and a type, exported as CSV', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.locator('.audit-table tbody tr').first().waitFor();
    const filters = page.getByRole('search', { name: 'Filters' });
    await filters.getByLabel('Customer (number or name)').fill(server.demo.customer.number);
    await filters.getByLabel('Event type').selectOption('license.suspended');
    await filters.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/type=license\.suspended/);
    const rows = page.locator('.audit-table tbody tr');
    // The list of the new filter, not the one before it: the events section is no longer busy and shows one row.
    await page.waitForFunction(() => document.querySelector('[aria-labelledby="events-title"]')?.getAttribute('aria-busy') === 'false'
      && document.querySelectorAll('.audit-table tbody tr').length === 1);
    await rows.first().getByText('Demo Owner').waitFor();
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), new RegExp(`license\\.suspended[\\s\\S]*${server.demo.customer.name}[\\s\\S]*Card expired, asked by phone`));
    await screenshots(page, 'admin-ops-05-audit');

    const rowsOf = await csvOf(await downloadFrom('Export CSV'));
    const [header, ...lines] = rowsOf;
    assert.deepEqual(header, ['time', 'type', 'customer_number', 'customer_name', 'actor_type', 'actor_id', 'actor_name', 'subject_type', 'subject_id', 'data']);
    assert.equal(lines.length, 1, 'the export has the filter\'s events only');
    const [line] = lines;
    assert.deepEqual(line.slice(1, 5), ['license.suspended', server.demo.customer.number, server.demo.customer.name, 'staff']);
    assert.match(line[6], /^Demo Owner </);
    assert.match(line[0], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.deepEqual(JSON.parse(line[9]), { reason: 'Card expired, asked by phone' });

    // "Only this actor" narrows to the owner; clearing shows everything again.
    await rows.first().getByRole('button', { name: /^Only this actor/ }).click();
    await page.waitForURL(/actorType=staff/);
    assert.equal(await page.getByLabel('Done by').inputValue(), 'staff');
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await page.waitForURL((url) => url.search === '');
    await page.getByRole('button', { name: 'Older →' }).waitFor();
    assert.equal(await rows.count(), 50, 'a page of 50, then older ones');
    await page.getByRole('button', { name: 'Older →' }).click();
    await page.getByText('Showing page 2').waitFor();
  });

  test('this month\'s billing shows the demo clinic\'s lines and downloads them', async () => {
    await page.getByRole('link', { name: 'Billing' }).click();
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    const clinic = page.getByRole('rowgroup', { name: server.demo.customer.name });
    await clinic.waitFor();
    const lines = clinic.locator('tr:not(.customer-row):not(.subtotal-row)');
    assert.equal(await lines.count(), 5, 'the demo clinic\'s five licenses');
    assert.match(await clinic.innerText(), /Patient Engagement License \(Plus\)/);
    assert.match(await clinic.locator('.subtotal-row').innerText(), /Total for [\s\S]*\$\d+\.\d{2}/);
    const period = await page.getByLabel('Billing period (month)').inputValue();
    const now = new Date();
    assert.equal(period, `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`, 'the current month');
    await screenshots(page, 'admin-ops-06-billing');

    const [header, ...rows] = await csvOf(await downloadFrom('Download CSV'));
    assert.equal(header[0], 'customer_number');
    assert.equal(rows.filter((r) => r[0] === server.demo.customer.number).length, 5);

    await page.getByLabel('Billing period (month)').fill('2020-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('Nothing is billed for this period.').waitFor();
  });

  test('the three pages in French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('link', { name: 'Crochets Web' }).click();
    await page.getByRole('heading', { name: 'Crochets Web (webhooks)', level: 1 }).waitFor();
    await page.getByRole('button', { name: `Livraisons: ${receiver.url}` }).click();
    await page.getByRole('region', { name: `Livraisons à ${receiver.url}` }).locator('.badge', { hasText: 'Livrée' }).first().waitFor();
    await screenshots(page, 'admin-ops-07-webhooks-fr');
    await page.getByRole('link', { name: 'Journal d’audit' }).click();
    await page.getByLabel('Client (numéro ou nom)').fill('maple grove');
    await page.getByLabel('Type d’événement').selectOption('license.*');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.waitForURL(/customer=maple/);
    await page.locator('.audit-table tbody tr', { hasText: 'license.suspended' }).waitFor();
    await screenshots(page, 'admin-ops-08-audit-fr');
    await page.getByRole('link', { name: 'Facturation' }).click();
    await page.getByRole('rowgroup', { name: server.demo.customer.name }).waitFor();
    await screenshots(page, 'admin-ops-09-billing-fr');
    await page.getByRole('button', { name: 'English' }).click();
    assert.deepEqual(pageErrors(page), []);
  });
});
