import { createContext, useCallback, useContext, useEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

interface Location { path: string; query: URLSearchParams }
interface RouterValue { base: string; location: Location; navigate(to: string, options?: { replace?: boolean }): void }

const RouterContext = createContext<RouterValue | null>(null);

function readLocation(base: string): Location {
  const { pathname, search } = window.location;
  const path = pathname.startsWith(base) ? pathname.slice(base.length) || '/' : '/';
  return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(search) };
}

/**
 * A small history router: paths inside `base` (e.g. "/portal"), so each app served under its own
 * prefix (portal, admin console) keeps its links relative to it. The server answers index.html for
 * every path under the prefix.
 */
export function RouterProvider({ base, children }: { base: string; children: ReactNode }) {
  const [location, setLocation] = useState(() => readLocation(base));
  useEffect(() => {
    const onPop = () => setLocation(readLocation(base));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [base]);
  const navigate = useCallback((to: string, options: { replace?: boolean } = {}) => {
    const url = `${base}${to}`;
    if (options.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    setLocation(readLocation(base));
    window.scrollTo?.(0, 0);
  }, [base]);
  const value = useMemo(() => ({ base, location, navigate }), [base, location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter needs a RouterProvider');
  return value;
}

/** An in-app link: a real <a href> (so it opens in a new tab and reads as a link) that navigates without reloading. */
export function Link({ to, children, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { base, navigate, location } = useRouter();
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  const current = location.path === to.split('?')[0] ? 'page' : undefined;
  return <a href={`${base}${to}`} onClick={handle} aria-current={current} {...rest}>{children}</a>;
}
