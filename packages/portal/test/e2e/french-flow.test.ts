// One whole flow in French: the language switch is remembered, every page speaks French, money and
// dates are fr-CA.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPortalPage, pageErrors, registerThroughPortal, screenshots, startPortalServer, type PortalServer } from './portal-harness.ts';

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the portal in French, from log-on to license management', { concurrency: false }, () => {
  let server: PortalServer;
  let browser: Browser;
  let page: Page;
  before(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
    ({ page } = await newPortalPage(browser, 'en'));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('switching to French is remembered across reloads', async () => {
    await page.goto(`${server.url}/portal/`);
    await page.getByRole('button', { name: 'Afficher le portail en français' }).click();
    await page.getByRole('heading', { name: 'Ouvrir une session dans le portail client' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Ouvrir une session dans le portail client' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr-CA');
    await page.getByRole('link', { name: 'Envoyer une demande' }).waitFor();
    await screenshots(page, '20-fr-logon');
  });

  test('registering, then the licenses and a reset, in French', async () => {
    await registerThroughPortal(page, server, { name: 'Gestionnaire', email: 'gestion@clinique.example', password: 'phrase de passe longue' }, 'fr');
    const card = page.getByRole('article').filter({ hasText: 'RECEPTION-01' });
    await card.getByText('Réinitialisations restantes : 3 sur 3 par période de 365 jours.').waitFor();
    await card.getByText('Changements de matériel (1)').click();
    await card.getByText('modifié : Disque.').waitFor();
    await card.getByRole('button', { name: 'RÉINITIALISER LA LICENCE' }).click();
    const dialog = page.getByRole('dialog', { name: 'Réinitialiser la licence de RECEPTION-01?' });
    await dialog.getByText('Cette réinitialisation en utilise une : il en restera 2.').waitFor();
    await dialog.getByLabel('Raison').fill('Nouvel ordinateur');
    await dialog.getByRole('button', { name: 'Réinitialiser la licence' }).click();
    await page.getByText('La licence est libre.', { exact: false }).waitFor();
    await page.getByText(/La prochaine redevient disponible le \d+ [a-zéû]+\.? \d{4}\./).first().waitFor();
    await screenshots(page, '21-fr-licenses');
  });

  test('Gestion des licences: totals, fr-CA money, warnings and the allocate prompt in French', async () => {
    await page.getByRole('link', { name: 'Gestion des licences' }).first().click();
    await page.getByRole('heading', { name: 'Gestion des licences', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Totaux des licences' }).waitFor();
    assert.equal(nbsp(await page.getByTestId('monthly-total').innerText()), '265,00 $');
    const messages = page.getByRole('region', { name: 'Messages aux patients', exact: true });
    await messages.getByRole('button', { name: 'Allouer 1 fournisseur non assigné' }).waitFor();
    const reminders = page.getByRole('region', { name: 'Rappels aux patients', exact: true });
    await reminders.getByText('n’est plus accessible à l’intégration DMÉ', { exact: false }).waitFor();
    await reminders.getByText('accessible à l’intégration DMÉ, mais n’est pas synchronisé actuellement', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Ajouter une licence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter une licence' });
    await dialog.getByRole('radio', { name: /Licence d'engagement des patients \(Plus\)/ }).check();
    const change = nbsp(await dialog.locator('.price-change').innerText());
    assert.match(change, /265,00 \$ → 344,00 \$ \(\+79,00 \$\)/);
    await screenshots(page, '22-fr-add-license');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await screenshots(page, '23-fr-management');
  });

  test('the other pages speak French too', async () => {
    for (const [link, heading, shot] of [['Facturation', 'Facturation', '24-fr-billing'], ['Activité', 'Activité', '25-fr-activity'], ['Utilisateurs', 'Utilisateurs', '26-fr-users'], ['Activation hors ligne', 'Activation hors ligne', '27-fr-offline']]) {
      await page.getByRole('link', { name: link, exact: true }).first().click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await screenshots(page, shot);
      if (link === 'Activité') await page.getByText('La licence de RECEPTION-01 a été réinitialisée. Raison : Nouvel ordinateur').waitFor();
    }
    const body = await page.locator('body').innerText();
    for (const english of ['Log out', 'Your licenses', 'Send a request', 'License management']) assert.ok(!body.includes(english), `no English "${english}"`);
    assert.deepEqual(pageErrors(page), []);
  });
});
