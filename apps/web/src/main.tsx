import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { onUnauthorized } from './api/client';
import { keys } from './api/endpoints';
import { Providers } from './Providers';
import { createQueryClient } from './query-client';
import { routes } from './routes';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const client = createQueryClient();
// A session that expired mid-work: forgetting "me" makes the protected layout send the user to /login.
onUnauthorized(() => client.setQueryData(keys.me, null));
// A data router: the editor's unsaved-changes guard (useBlocker) needs one.
const router = createBrowserRouter(routes);

createRoot(root).render(
  <StrictMode>
    <Providers client={client}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
