import { useState } from 'react';
import { Button } from '../../shared/ui/button.tsx';
import { useT } from '../i18n/resources.ts';

/**
 * Newer and older pages of a list the admin API pages by cursor, newest first: the cursors of the
 * pages behind, forgotten when `resetKey` (the filters) changes.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: string[] }>({ key: resetKey, cursors: [] });
  const cursors = state.key === resetKey ? state.cursors : [];
  return {
    cursor: cursors.at(-1),
    page: cursors.length + 1,
    older: (next: string) => setState({ key: resetKey, cursors: [...cursors, next] }),
    newer: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}

export function Pager({ pages, nextCursor }: { pages: ReturnType<typeof useCursorPages>; nextCursor: string | null | undefined }) {
  const t = useT();
  if (pages.page === 1 && !nextCursor) return null;
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <Button variant="quiet" disabled={pages.page === 1} onClick={pages.newer}>{t('pager.newer')}</Button>
      <span className="muted small" aria-live="polite">{t('pager.page', { page: pages.page })}</span>
      <Button variant="quiet" disabled={!nextCursor} onClick={() => nextCursor && pages.older(nextCursor)}>{t('pager.older')}</Button>
    </nav>
  );
}
