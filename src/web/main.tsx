// Entry of the online staff app (built by vite from index.html).
// oxlint-disable-next-line import/no-unassigned-import -- first, before any schema parses
import '../shared/zodWithoutEval.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
