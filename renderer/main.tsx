import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/auth.css';
import './styles/main-layout.css';
import './styles/key-list.css';
import './styles/detail.css';
import './styles/dialog.css';
import './styles/forms.css';
import './styles/audit.css';
import './styles/transfer.css';
import './styles/vault-care.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
