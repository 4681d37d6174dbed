import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../shared/api/use-load.ts';
import { formatDate, formatDateTime } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Help, Loading } from '../../shared/ui/feedback.tsx';
import { SelectField, TextField } from '../../shared/ui/field.tsx';
import type { Role } from '../api/portal-api.ts';
import { AppLayout } from '../layout/layouts.tsx';
import { useApi, useCanChange, useSession } from '../session/session-context.tsx';

/** The customer's portal users: owners and admins invite and manage; viewers read. */
export function UsersPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useApi();
  const { session } = useSession();
  const canChange = useCanChange();
  const problemText = useProblemText();
  const users = useLoad(() => api.users());
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'admin' | 'viewer'>('viewer');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const isOwner = session?.user.role === 'owner';

  /** A confirmation shows with the list that confirms it, not before it. */
  const act = async (action: () => Promise<unknown>, success: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await action();
      await users.reload();
      setMessage({ tone: 'success', text: success });
    } catch (caught) {
      setMessage({ tone: 'error', text: problemText(caught) });
    } finally {
      setBusy(false);
    }
  };
  const invite = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) return setMessage({ tone: 'error', text: t('fields.required') });
    void act(() => api.invite(email.trim(), role), t('users.invited', { email: email.trim() })).then(() => setEmail(''));
  };

  return (
    <AppLayout title={t('users.title')}>
      <p className="lead">{t('users.intro')}</p>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {users.error ? <Alert tone="error">{problemText(users.error)}</Alert> : null}
      {users.loading && !users.data ? <Loading /> : null}
      {users.data ? (
        <section className="card" aria-labelledby="users-list">
          <h2 id="users-list">{t('users.listTitle')}</h2>
          <table className="table responsive">
            <thead>
              <tr><th scope="col">{t('fields.yourName')}</th><th scope="col">{t('fields.email')}</th><th scope="col">{t('users.role')}</th><th scope="col">{t('users.lastLogon')}</th><th scope="col"><span className="visually-hidden">{t('management.actions')}</span></th></tr>
            </thead>
            <tbody>
              {users.data.items.map((user) => {
                const self = user.id === session?.user.id;
                return (
                  <tr key={user.id}>
                    <th scope="row">{user.name}{self ? ` ${t('users.you')}` : ''}</th>
                    <td data-label={t('fields.email')}>{user.email}</td>
                    <td data-label={t('users.role')}>
                      {isOwner && !self ? (
                        <select aria-label={t('users.roleOf', { name: user.name })} value={user.role} disabled={busy}
                          onChange={(e) => void act(() => api.changeRole(user.id, e.target.value as Role), t('users.roleChanged', { name: user.name }))}>
                          {(['owner', 'admin', 'viewer'] as const).map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
                        </select>
                      ) : t(`roles.${user.role}`)}
                    </td>
                    <td data-label={t('users.lastLogon')}>{user.lastLoginAt ? formatDateTime(user.lastLoginAt, language) : t('users.never')}</td>
                    <td className="actions">
                      {isOwner && !self ? (
                        <Button variant="quiet" disabled={busy} onClick={() => {
                          if (window.confirm(t('users.removeConfirm', { name: user.name }))) void act(() => api.removeUser(user.id), t('users.removed', { name: user.name }));
                        }}>{t('management.remove')}</Button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {users.data.invitations.length ? (
            <>
              <h3>{t('users.pending')}</h3>
              <ul className="plain-list">
                {users.data.invitations.map((inv) => (
                  <li key={inv.email}>
                    {inv.email}: {t(`roles.${inv.role}`)}, {t('users.expires', { date: formatDate(inv.expiresAt, language) })}
                    {canChange.allowed ? (
                      <>
                        {' '}
                        <Button variant="quiet" disabled={busy} aria-label={t('users.sendAgainTo', { email: inv.email })}
                          onClick={() => void act(() => api.resendInvitation(inv.email), t('users.resent', { email: inv.email }))}>{t('users.sendAgain')}</Button>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      <section className="card" aria-labelledby="invite-title">
        <h2 id="invite-title">{t('users.inviteTitle')}</h2>
        {canChange.allowed ? (
          <form onSubmit={invite} noValidate className="inline-form">
            <TextField label={t('fields.email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
            <SelectField label={t('users.role')} value={role} onChange={(e) => setRole(e.target.value as 'admin' | 'viewer')}>
              <option value="admin">{t('roles.admin')}</option>
              <option value="viewer">{t('roles.viewer')}</option>
            </SelectField>
            <Button type="submit" variant="primary" busy={busy}>{t('users.invite')}</Button>
          </form>
        ) : <p className="muted">{canChange.reason}</p>}
        <Help summary={t('users.rolesHelpSummary')}>
          <ul>
            <li><strong>{t('roles.owner')}</strong>: {t('users.ownerHelp')}</li>
            <li><strong>{t('roles.admin')}</strong>: {t('users.adminHelp')}</li>
            <li><strong>{t('roles.viewer')}</strong>: {t('users.viewerHelp')}</li>
          </ul>
        </Help>
      </section>
    </AppLayout>
  );
}
