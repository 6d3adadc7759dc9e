import { ProxiedSignInPage, SignInPage } from '@backstage/core-components';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  SignInPageProps,
} from '@backstage/plugin-app-react';

const PERSONA_KEY = 'enterprise-console.demo-persona';

/**
 * In development, `?persona=<catalog user name>` signs in as that user
 * through the backend's demo-persona provider (enterpriseConsole.demoPersonas)
 * and keeps doing so for the browser tab; otherwise the guest sign-in.
 */
function demoPersona(): string | undefined {
  const fromUrl = new URLSearchParams(window.location.search).get('persona');
  if (fromUrl) {
    window.sessionStorage.setItem(PERSONA_KEY, fromUrl);
    return fromUrl;
  }
  return window.sessionStorage.getItem(PERSONA_KEY) ?? undefined;
}

function EnterpriseSignInPage(props: SignInPageProps) {
  const persona = demoPersona();
  if (persona) {
    return (
      <ProxiedSignInPage
        {...props}
        provider="demo-persona"
        headers={{ 'x-demo-persona': persona }}
      />
    );
  }
  return <SignInPage {...props} providers={['guest']} />;
}

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => EnterpriseSignInPage,
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
