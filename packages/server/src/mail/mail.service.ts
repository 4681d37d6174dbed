import { newId, type Db } from '@leasehold/db';
import { insertMail } from './mail.repository.ts';
import { TEMPLATES, type TemplateName, type TemplateVars } from './templates.ts';
import { asLocale, render, type RenderedMail } from './templates/template.ts';

export interface OutgoingMail<N extends TemplateName> {
  customerId: string | null;
  to: string;
  template: N;
  /** 'en' or 'fr'; anything else falls back to English. */
  locale: string;
  vars: TemplateVars[N];
}

export function renderMail<N extends TemplateName>(template: N, locale: string, vars: TemplateVars[N]): RenderedMail {
  const byLocale = TEMPLATES[template] as Record<'en' | 'fr', (v: TemplateVars[N]) => Parameters<typeof render>[0]>;
  return render(byLocale[asLocale(locale)](vars));
}

/**
 * Renders a mail and puts it in the outbox, in the caller's transaction: the mail goes out if and
 * only if the change that sends it is committed. The sender delivers pending mail later.
 */
export async function enqueueMail<N extends TemplateName>(trx: Db, mail: OutgoingMail<N>, now: number): Promise<string> {
  const locale = asLocale(mail.locale);
  const rendered = renderMail(mail.template, locale, mail.vars);
  const id = newId(now);
  await insertMail(trx, {
    id,
    customer_id: mail.customerId,
    to_address: mail.to.toLowerCase(),
    template: mail.template,
    locale,
    subject: rendered.subject,
    text_body: rendered.text,
    html_body: rendered.html,
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    last_error: null,
    created_at: now,
    sent_at: null,
  });
  return id;
}
