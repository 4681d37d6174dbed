import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pool, SeatRow } from '../../shared/api/account-types.ts';
import { formatDate } from '../../shared/format/format.ts';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { Button } from '../../shared/ui/button.tsx';
import { IconPlus } from '../../shared/ui/icons.tsx';
import { HealthBadge, useMoney, useName } from './display.tsx';
import { allocateCount, warningOf } from './seat-logic.ts';

interface Props {
  pool: Pool;
  canChange: boolean;
  onRemove(row: SeatRow): void;
  onAllocate(pool: Pool): void;
}

/** One activation table (seed 002): the providers or schedules of a feature, each with Remove, and the allocate prompt under it. */
export function ActivationTable({ pool, canChange, onRemove, onAllocate }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useName();
  const money = useMoney();
  const kind = pool.feature.seatKind === 'provider' ? 'provider' : 'schedule';
  const free = allocateCount(pool);
  const titleId = `table-${pool.feature.code}`;
  return (
    <section className="card activation-table" aria-labelledby={titleId} data-feature={pool.feature.code}>
      <div className="table-head">
        <h2 id={titleId}>{name(pool.feature.name)}</h2>
        <p className="muted small">{t('management.tableCount', { assigned: pool.assigned, capacity: pool.capacity })}</p>
      </div>
      {pool.rows.length === 0 ? <p className="muted">{t(`management.empty.${kind}`)}</p> : (
        <table className="table responsive">
          <thead>
            <tr>
              <th scope="col">{t(`management.kind.${kind}`)}</th>
              <th scope="col">{t('management.status')}</th>
              <th scope="col" className="num">{t('management.cost')}</th>
              <th scope="col">{t('management.assignedOn')}</th>
              <th scope="col"><span className="visually-hidden">{t('management.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {pool.rows.map((row) => {
              const warning = warningOf(row.resource.health);
              const cost = row.cost ? money(row.cost.priceCents, row.cost.currency, row.cost.period) : '—';
              return (
                <Fragment key={row.assignmentId}>
                  <tr className={warning ? `row-${warning}` : undefined} data-row={row.resource.name}>
                    <th scope="row">{row.resource.name}</th>
                    <td data-label={t('management.status')}><HealthBadge health={row.resource.health} /></td>
                    <td className="num" data-label={t('management.cost')}>{cost}</td>
                    <td data-label={t('management.assignedOn')}>{formatDate(row.assignedAt, language)}</td>
                    <td className="actions">
                      <Button variant="quiet" onClick={() => onRemove(row)} disabled={!canChange}
                        aria-label={t('management.removeRow', { name: row.resource.name, table: name(pool.feature.name) })}>{t('management.remove')}</Button>
                    </td>
                  </tr>
                  {warning ? (
                    <tr className={`row-note note-${warning}`}>
                      <td colSpan={5}>
                        <p>{t(row.resource.health === 'missing' ? `management.missing.${kind}` : warning === 'red' ? `management.red.${kind}` : `management.yellow.${kind}`)}</p>
                        <p className="advice">{t(warning === 'red' ? 'management.redAdvice' : 'management.yellowAdvice', { cost })}</p>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
      {free > 0 ? (
        <div className="allocate">
          <Button variant="secondary" icon={<IconPlus />} onClick={() => onAllocate(pool)} disabled={!canChange}>
            {t(`management.allocate.${kind}`, { count: free })}
          </Button>
          <p className="muted small">{t('management.allocateExplain', { count: free })}</p>
        </div>
      ) : null}
    </section>
  );
}
