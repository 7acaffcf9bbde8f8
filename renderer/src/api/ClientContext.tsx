import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { ApiEvent } from '../../../electron/contract/api.js';
import type { PhototagClient } from './client.js';

const ClientContext = createContext<PhototagClient | null>(null);

export function ClientProvider({ client, children }: { client: PhototagClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): PhototagClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside <ClientProvider>');
  return client;
}

/** Calls `listener` for every event from the library while the component is mounted. */
export function useLibraryEvents(listener: (event: ApiEvent) => void): void {
  const client = useClient();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => client.subscribe((event) => latest.current(event)), [client]);
}
