import type { ReactNode } from 'react';
import type { ApiError } from '../../../electron/contract/result.js';

/** A screen with nothing to show yet: what it is for, and what to do next. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <svg viewBox="0 0 48 48" aria-hidden="true" className="empty-icon">
        <rect x="6" y="10" width="36" height="28" rx="4" />
        <path d="M10 34l9-10 7 8 5-5 7 7" />
        <circle cx="32" cy="19" r="3" />
      </svg>
      <h2>{title}</h2>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}

export function ErrorNotice({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <div className="error-notice" role="alert">
      <strong>{error.kind === 'unauthorized' ? 'This page has no access to the library' : 'Something went wrong'}</strong>
      <p>{error.message}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}
