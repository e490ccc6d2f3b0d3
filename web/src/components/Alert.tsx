import type { ReactNode } from 'react';

/** A server or request error, announced by screen readers as it appears. */
export function Alert({ children }: { readonly children: ReactNode }) {
  if (!children) return null;
  return (
    <div role="alert" className="alert">
      {children}
    </div>
  );
}
