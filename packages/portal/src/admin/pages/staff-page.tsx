import { useState } from 'react';
import { useLoad } from '../../shared/api/use-load.ts';
import { formatDate, formatDateTime } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import type { StaffRole } from '../api/admin-api.ts';
import type { StaffInvitation, StaffMember } from '../api/staff-api.ts';
import { useT } from '../i18n/resources.ts';
import { AdminLayout } from '../layout/admin-layout.tsx';
import { useStaffSession } from '../session/staff-session.tsx';
import { ConfirmStaffDialog, InviteStaffDialog, STAFF_ROLES, type StaffAction } from './staff-dialogs.tsx';

/** A message after a change, translated when shown, so it follows a change of language. */
interface Notice { key: string; name?: string; email?: string; role?: StaffRole }

function MemberRow({ member, self, busy, onRole, onEnable, onConfirm }: {
  member: StaffMember; self: boolean; busy: boolean; onRole(role: StaffRole): void; onEnable(): void; onConfirm(action: StaffAction): void;
}) {
  const t = useT();
  const language = useLanguage();
  const disabled = member.disabledAt !== null;
  return (
    <tr>
      <th scope="row">{member.name}{self ? ` ${t('staff.you')}` : ''}<br /><span className="small muted">{member.email}</span></th>
      <td>
        {self ? t(`roles.${member.role}`) : (
          <select aria-label={t('staff.roleOf', { name: member.name })} value={member.role} disabled={busy} onChange={(e) => onRole(e.target.value as StaffRole)}>
            {STAFF_ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
          </select>
        )}
      </td>
      <td><span className={`badge ${member.totpEnabled ? 'badge-ok' : 'badge-neutral'}`}>{t(member.totpEnabled ? 'staff.on' : 'staff.off')}</span></td>
      <td className="nowrap">{member.lastLoginAt ? formatDateTime(member.lastLoginAt, language) : <span className="muted">{t('staff.never')}</span>}</td>
      <td><span className={`badge ${disabled ? 'badge-danger' : 'badge-ok'}`}>{t(disabled ? 'staff.disabled' : 'staff.active')}</span></td>
      <td className="actions">
        {self ? null : (
          <div className="row-actions" role="group" aria-label={t('staff.actionsFor', { name: member.name })}>
            {member.totpEnabled && !disabled ? <Button disabled={busy} onClick={() => onConfirm('reset')}>{t('staff.resetTotp')}</Button> : null}
            {disabled
              ? <Button busy={busy} onClick={onEnable}>{t('staff.enable')}</Button>
              : <Button variant="danger" disabled={busy} onClick={() => onConfirm('disable')}>{t('staff.disable')}</Button>}
          </div>
        )}
      </td>
    </tr>
  );
}

function InvitationRow({ invitation, busy, onResend, onCancel }: { invitation: StaffInvitation; busy: boolean; onResend(): void; onCancel(): void }) {
  const t = useT();
  const language = useLanguage();
  return (
    <tr>
      <th scope="row">{invitation.name}<br /><span className="small muted">{invitation.email}</span></th>
      <td>{t(`roles.${invitation.role}`)}</td>
      <td><span className="muted">—</span></td>
      <td><span className="muted">{t('staff.never')}</span></td>
      <td>
        <span className="badge badge-warning">{t('staff.pending')}</span>
        <p className="small muted">{t('staff.pendingUntil', { date: formatDate(invitation.expiresAt, language) })}</p>
      </td>
      <td className="actions">
        <div className="row-actions" role="group" aria-label={t('staff.actionsFor', { name: invitation.name })}>
          <Button disabled={busy} onClick={onResend}>{t('staff.sendAgain')}</Button>
          <Button variant="quiet" busy={busy} onClick={onCancel}>{t('staff.cancelInvitation')}</Button>
        </div>
      </td>
    </tr>
  );
}

/** Owners: who may use the console and as what; invitations, roles, disabling, two-step sign-in resets. */
export function StaffPage() {
  const t = useT();
  const { api, session } = useStaffSession();
  const problemText = useProblemText();
  const isOwner = session?.staff.role === 'owner';
  const list = useLoad(() => (isOwner ? api.staff.list() : Promise.resolve(null)), [isOwner]);
  const [inviting, setInviting] = useState(false);
  const [confirming, setConfirming] = useState<{ action: StaffAction; member: StaffMember } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<unknown>(null);

  const act = async (key: string, action: () => Promise<unknown>, success: Notice) => {
    setBusy(key);
    setNotice(null);
    setError(null);
    let succeeded = false;
    try {
      await action();
      succeeded = true;
    } catch (caught) {
      setError(caught);
    } finally {
      await list.reload();
      setBusy(null);
    }
    if (succeeded) setNotice(success);
  };
  /** A confirmation shows with the list that confirms it, not before it. */
  const reloadThenSay = async (said: Notice) => {
    await list.reload();
    setNotice(said);
  };

  if (!isOwner) {
    return <AdminLayout title={t('staff.title')}><Alert tone="info">{t('staff.ownersOnly')}</Alert></AdminLayout>;
  }
  const data = list.data;
  return (
    <AdminLayout title={t('staff.title')} subtitle={t('staff.intro')}
      actions={<Button variant="primary" onClick={() => { setNotice(null); setInviting(true); }}>{t('staff.invite')}</Button>}>
      {notice ? <Alert tone="success">{t(notice.key, { ...notice, role: notice.role ? t(`roles.${notice.role}`) : undefined })}</Alert> : null}
      {error || list.error ? <Alert tone="error">{problemText(error ?? list.error)}</Alert> : null}
      <section className="card" aria-labelledby="staff-list-title">
        <h2 id="staff-list-title">{t('staff.listTitle')}</h2>
        {!data ? <Loading /> : (
          <div className="table-scroll"><table className="table">
            <thead>
              <tr>
                <th scope="col">{t('staff.name')}</th><th scope="col">{t('staff.role')}</th><th scope="col">{t('staff.twoStep')}</th>
                <th scope="col">{t('staff.lastSignIn')}</th><th scope="col">{t('staff.status')}</th><th scope="col" className="actions">{t('customer.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((member) => (
                <MemberRow key={member.id} member={member} self={member.id === session?.staff.id} busy={busy === member.id}
                  onRole={(role) => void act(member.id, () => api.staff.changeRole(member.id, role), { key: 'staff.roleChanged', name: member.name, role })}
                  onEnable={() => void act(member.id, () => api.staff.setDisabled(member.id, false), { key: 'staff.enabled', name: member.name })}
                  onConfirm={(action) => { setNotice(null); setConfirming({ action, member }); }} />
              ))}
              {data.invitations.map((invitation) => (
                <InvitationRow key={invitation.email} invitation={invitation} busy={busy === invitation.email}
                  onResend={() => void act(invitation.email, () => api.staff.resendInvitation(invitation.email), { key: 'staff.invitationResent', email: invitation.email })}
                  onCancel={() => void act(invitation.email, () => api.staff.cancelInvitation(invitation.email), { key: 'staff.invitationCancelled', email: invitation.email })} />
              ))}
            </tbody>
          </table></div>
        )}
      </section>
      <InviteStaffDialog open={inviting} onClose={() => setInviting(false)}
        onDone={(email) => void reloadThenSay({ key: 'staff.invited', email })} />
      <ConfirmStaffDialog action={confirming?.action ?? null} member={confirming?.member ?? null} onClose={() => setConfirming(null)}
        onDone={(member) => {
          setConfirming(null);
          void reloadThenSay({ key: confirming?.action === 'reset' ? 'staff.totpReset' : 'staff.disabledDone', name: member.name });
        }} />
    </AdminLayout>
  );
}
