import { useLoad } from '../../shared/api/use-load.ts';
import { formatDate, formatDateTime } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useProblemText } from '../../shared/i18n/problem-text.ts';
import { Alert, Loading } from '../../shared/ui/feedback.tsx';
import { useT } from '../i18n/resources.ts';
import { useStaffSession } from '../session/staff-session.tsx';

/** Who of the customer uses the client portal, and invitations not yet accepted: for "who is our owner?" calls. */
export function PortalUsers({ customerId, version }: { customerId: string; version: number }) {
  const t = useT();
  const language = useLanguage();
  const problemText = useProblemText();
  const { api } = useStaffSession();
  const users = useLoad(() => api.customerUsers(customerId), [customerId, version]);
  const list = users.data;
  return (
    <section className="card" aria-labelledby="portal-users-title">
      <h2 id="portal-users-title">{t('portalUsers.title')}</h2>
      {users.error ? <Alert tone="error">{problemText(users.error)}</Alert> : !list ? <Loading /> : list.items.length + list.invitations.length === 0 ? (
        <p className="empty">{t('portalUsers.none')}</p>
      ) : (
        <div className="table-scroll"><table className="table">
          <thead><tr>
            <th scope="col">{t('portalUsers.name')}</th><th scope="col">{t('portalUsers.email')}</th><th scope="col">{t('portalUsers.role')}</th><th scope="col">{t('portalUsers.lastSignIn')}</th>
          </tr></thead>
          <tbody>
            {list.items.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.name}</th>
                <td>{u.email}</td>
                <td>{t(`portalUsers.roles.${u.role}`)}</td>
                <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt, language) : <span className="muted">{t('portalUsers.never')}</span>}</td>
              </tr>
            ))}
            {list.invitations.map((i) => (
              <tr key={`invitation-${i.email}`}>
                <th scope="row"><span className="badge badge-warning">{t('portalUsers.pending')}</span></th>
                <td>{i.email}</td>
                <td>{t(`portalUsers.roles.${i.role}`)}</td>
                <td className="muted">{t('portalUsers.pendingUntil', { date: formatDate(i.expiresAt, language) })}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </section>
  );
}
