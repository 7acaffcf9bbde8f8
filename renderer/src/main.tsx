import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClientProvider } from './api/ClientContext.js';
import { createClient } from './api/client.js';
import { App } from './App.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ClientProvider client={createClient(window)}>
      <App />
    </ClientProvider>
  </StrictMode>,
);
