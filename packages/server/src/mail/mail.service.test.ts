import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderMail } from './mail.service.ts';
import { TEMPLATES, type TemplateName, type TemplateVars } from './templates.ts';

const at = Date.UTC(2026, 0, 15, 13, 0);
const VARS: TemplateVars = {
  registration_details: { customerName: 'Lakeview <Clinic>', customerNumber: '100042', registrationKey: '7KQ2M-X9D4P-ABCDE-FGHJK', portalUrl: 'https://licenses.example/portal' },
  registration_reissue: { customerName: 'Lakeview <Clinic>', customerNumber: '100042', link: 'https://licenses.example/portal/reissue?token=abc&x=1', expiresAt: at },
  invitation: { customerName: 'Lakeview <Clinic>', inviterName: 'Sam', role: 'viewer', link: 'https://licenses.example/portal/accept-invitation?token=abc', expiresAt: at },
  password_reset: { name: 'Sam <b>', link: 'https://licenses.example/portal/reset-password?token=abc', expiresAt: at },
  license_reset_notice: { customerName: 'Lakeview <Clinic>', computerName: 'front-pc', resetBy: 'Sam', at, remaining: 2, limit: 3, windowDays: 365 },
  staff_invitation: { name: 'Sam <b>', inviterName: 'Alex <Owner>', role: 'support', host: 'licenses.example', link: 'https://licenses.example/admin/accept-invitation?token=abc', expiresAt: at },
  viewer_registered: { ownerName: 'Alex <Owner>', customerName: 'Lakeview <Clinic>', name: 'Sam <b>', email: 'sam@lakeview.example', at, link: 'https://licenses.example/portal/users' },
};

describe('mail templates', () => {
  for (const name of Object.keys(TEMPLATES) as TemplateName[]) {
    test(`${name}: English and French, text and HTML, every value escaped in the HTML`, () => {
      const en = renderMail(name, 'en', VARS[name] as never);
      const fr = renderMail(name, 'fr', VARS[name] as never);
      assert.notEqual(en.subject, fr.subject, 'translated subject');
      assert.notEqual(en.text, fr.text, 'translated body');
      for (const mail of [en, fr]) {
        assert.ok(!/undefined|null|\[object/.test(mail.text + mail.subject), `no missing values:\n${mail.text}`);
        assert.ok(!/<(Clinic|b)>/.test(mail.html), 'values are escaped in the HTML');
        const link = (VARS[name] as { link?: string }).link;
        if (link) {
          assert.ok(mail.text.includes(link), 'the text has the link as is');
          assert.ok(mail.html.includes(`href="${link.replace(/&/g, '&amp;')}"`), 'the HTML links it');
        }
      }
      assert.deepEqual(renderMail(name, 'de', VARS[name] as never), en, 'another language falls back to English');
    });
  }

  test('times are written for people, in UTC', () => {
    assert.match(renderMail('password_reset', 'en', VARS.password_reset).text, /January 15, 2026.*1:00.*UTC/);
    assert.match(renderMail('password_reset', 'fr', VARS.password_reset).text, /15 janvier 2026.*13 h 00.*UTC/);
    assert.match(renderMail('license_reset_notice', 'en', { ...VARS.license_reset_notice, resetBy: null }).text, /with your registration details/);
  });
});
