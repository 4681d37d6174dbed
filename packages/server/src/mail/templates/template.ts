export type Locale = 'en' | 'fr';
export const LOCALES: readonly Locale[] = ['en', 'fr'];

/** A paragraph of text, or a link shown as a button in HTML and as "label: url" in text. */
export type Block = string | { label: string; url: string };

export interface MailContent {
  subject: string;
  blocks: Block[];
}

/** One template: its content in every language the portal speaks. */
export type Template<V> = Record<Locale, (vars: V) => MailContent>;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function asLocale(locale: string | null | undefined): Locale {
  return locale === 'fr' ? 'fr' : 'en';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A time as a person reads it, in UTC so the text is the same wherever the server runs. */
export function formatTime(at: number, locale: Locale): string {
  const text = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(at);
  return `${text} UTC`;
}

/** Text and HTML bodies from the same blocks; every value is escaped in the HTML. */
export function render(content: MailContent): RenderedMail {
  const text = content.blocks.map((b) => (typeof b === 'string' ? b : `${b.label}: ${b.url}`)).join('\n\n');
  const body = content.blocks
    .map((b) => (typeof b === 'string'
      ? `<p>${escapeHtml(b).replace(/\n/g, '<br>')}</p>`
      : `<p><a href="${escapeHtml(b.url)}" style="display:inline-block;padding:10px 16px;background:#1f5f99;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(b.label)}</a></p>`))
    .join('\n');
  const html = `<!doctype html>\n<html><body style="font-family:sans-serif;line-height:1.5;color:#222">\n${body}\n</body></html>`;
  return { subject: content.subject, text: `${text}\n`, html };
}
