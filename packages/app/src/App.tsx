import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

// Other plugins (including the Enterprise Console) are discovered from this
// package's dependencies through `app.packages: all`.
export default createApp({
  features: [catalogPlugin, navModule, signInModule],
});
