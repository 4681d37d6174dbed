import { useState, type FormEvent } from 'react';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Alert } from '../../shared/ui/feedback.tsx';
import { SelectField, TextField } from '../../shared/ui/field.tsx';
import type { StaffRole } from '../api/admin-api.ts';
import type { StaffMember } from '../api/staff-api.ts';
import { useT } from '../i18n/resources.ts';
import { useStaffSession } from '../session/staff-session.tsx';

export const STAFF_ROLES: readonly StaffRole[] = ['owner', 'support', 'read_only'];

/** Name, email, role and the mail's language; the invitee chooses their password from the link. */
export function InviteStaffDialog({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(email: string): void }) {
  const t = useT();
  const { api } = useStaffSession();
  const problemText = useProblemText();
  const language = useLanguage();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('support');
  const [locale, setLocale] = useState<'en' | 'fr'>(language);
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setName('');
    setEmail('');
    setRole('support');
    setShown(false);
    setError(null);
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (!name.trim() || !email.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const { invitation } = await api.staff.invite({ name: name.trim(), email: email.trim(), role, locale });
      close();
      onDone(invitation.email);
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  const required = (value: string) => (shown && !value.trim() ? t('fields.required') : null);
  return (
    <Dialog open={open} title={t('staff.inviteTitle')} onClose={close}
      footer={(
        <>
          <Button type="submit" form="invite-staff" variant="primary" busy={busy}>{t('staff.send')}</Button>
          <Button onClick={close}>{t('common.cancel')}</Button>
        </>
      )}>
      <form id="invite-staff" onSubmit={submit} noValidate>
        <p>{t('staff.inviteIntro')}</p>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <TextField label={t('staff.name')} autoComplete="off" required value={name} onChange={(e) => setName(e.target.value)} error={required(name)} />
        <TextField label={t('fields.email')} type="email" autoComplete="off" required value={email} onChange={(e) => setEmail(e.target.value)} error={required(email)} />
        <SelectField label={t('staff.role')} value={role} onChange={(e) => setRole(e.target.value as StaffRole)} hint={t(`staff.roleHelp.${role}`)}>
          {STAFF_ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
        </SelectField>
        <SelectField label={t('staff.language')} value={locale} onChange={(e) => setLocale(e.target.value as 'en' | 'fr')}>
          <option value="en" lang="en">{t('staff.languages.en')}</option>
          <option value="fr" lang="fr">{t('staff.languages.fr')}</option>
        </SelectField>
      </form>
    </Dialog>
  );
}

export type StaffAction = 'disable' | 'reset';

/** Disabling an account or resetting its two-step sign-in: each says what it does before it is done. */
export function ConfirmStaffDialog({ action, member, onClose, onDone }: { action: StaffAction | null; member: StaffMember | null; onClose(): void; onDone(member: StaffMember): void }) {
  const t = useT();
  const { api } = useStaffSession();
  const problemText = useProblemText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const confirm = async () => {
    if (!member || !action) return;
    setBusy(true);
    setError(null);
    try {
      onDone(action === 'disable' ? await api.staff.setDisabled(member.id, true) : await api.staff.resetTotp(member.id));
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };
  const name = member?.name ?? '';
  const words = action === 'reset'
    ? { title: t('staff.resetTitle', { name }), intro: t('staff.resetIntro', { name }), confirm: t('staff.resetConfirm') }
    : { title: t('staff.disableTitle', { name }), intro: t('staff.disableIntro', { name }), confirm: t('staff.disableConfirm') };
  return (
    <Dialog open={action !== null && member !== null} title={words.title} onClose={close}
      footer={(
        <>
          <Button variant="danger" busy={busy} onClick={() => void confirm()}>{words.confirm}</Button>
          <Button onClick={close}>{t('common.cancel')}</Button>
        </>
      )}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <p>{words.intro}</p>
    </Dialog>
  );
}
