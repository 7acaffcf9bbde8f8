import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
  action?: { label: string; run(): void };
}

interface NoticeApi {
  notify(text: string, options?: { tone?: Notice['tone']; action?: Notice['action'] }): void;
}

const NoticeContext = createContext<NoticeApi>({ notify: () => {} });

/** Short messages at the bottom of the window ("Rejected dog on 3 photos · Undo"); they fade on their own. */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(1);
  const notify = useCallback<NoticeApi['notify']>((text, options = {}) => {
    const notice: Notice = { id: next.current++, text, tone: options.tone ?? 'info', ...(options.action ? { action: options.action } : {}) };
    setNotices((list) => [...list.slice(-2), notice]);
    setTimeout(() => setNotices((list) => list.filter((n) => n.id !== notice.id)), notice.tone === 'error' ? 8000 : 4500);
  }, []);
  const api = useMemo(() => ({ notify }), [notify]);
  return (
    <NoticeContext.Provider value={api}>
      {children}
      <div className="notices" role="status" aria-live="polite">
        {notices.map((n) => (
          <div key={n.id} className={`notice ${n.tone}`}>
            <span>{n.text}</span>
            {n.action && (
              <button type="button" className="link-button" onClick={n.action.run}>
                {n.action.label}
              </button>
            )}
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}

export function useNotices(): NoticeApi {
  return useContext(NoticeContext);
}
