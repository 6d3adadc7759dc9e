import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SignupCheckResponse } from '@internal/plugin-enterprise-console-common';
import express from 'express';
import request from 'supertest';
import { authModuleEnterpriseConsoleSignIn } from './module';

jest.setTimeout(60_000);

/** Stands in for the Enterprise Console backend's sign-up check. */
function fakeConsolePlugin(answers: Record<string, SignupCheckResponse>) {
  const calls: Array<{ body: unknown; principal: string }> = [];
  const plugin = createBackendPlugin({
    pluginId: 'enterprise-console',
    register(reg) {
      reg.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          const router = express.Router();
          router.use(express.json());
          router.post('/v1/signup-check', async (req, res) => {
            const credentials = await httpAuth.credentials(req, {
              allow: ['service'],
            });
            calls.push({
              body: req.body,
              principal: (credentials.principal as { subject: string }).subject,
            });
            const domain = String(req.body.email).split('@')[1];
            res.json(answers[domain] ?? { allowed: true });
          });
          httpRouter.use(router);
        },
      });
    },
  });
  return { plugin, calls };
}

const users = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'guest', namespace: 'default' },
    spec: { profile: { email: 'guest@example.com' }, memberOf: [] },
  },
];

async function startAuth(answers: Record<string, SignupCheckResponse>) {
  const fake = fakeConsolePlugin(answers);
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      authModuleEnterpriseConsoleSignIn,
      fake.plugin,
      catalogServiceMock.factory({ entities: users }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: {
            providers: {
              guest: {
                userEntityRef: 'user:default/guest',
                // Tests run with NODE_ENV=test.
                dangerouslyAllowOutsideDevelopment: true,
              },
            },
          },
        },
      }),
    ],
  });
  return { server, calls: fake.calls };
}

describe('authModuleEnterpriseConsoleSignIn', () => {
  it('signs the guest in when the policy allows it', async () => {
    const { server, calls } = await startAuth({});
    const res = await request(server).get('/api/auth/guest/refresh');
    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/guest',
    );
    expect(calls).toEqual([
      {
        body: { email: 'guest@example.com', providerId: 'guest' },
        principal: 'plugin:auth',
      },
    ]);
  });

  it("refuses the guest when its domain must sign in through another provider, with the console's message", async () => {
    const { server } = await startAuth({
      'example.com': {
        allowed: false,
        accountId: 'acme',
        requiredProvider: 'google',
        message: 'Users of example.com must sign in with google',
      },
    });
    const res = await request(server).get('/api/auth/guest/refresh');
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: 'Users of example.com must sign in with google',
    });
  });

  it('lets a known user of a restricted sign-up domain in', async () => {
    const { server } = await startAuth({
      'example.com': {
        allowed: false,
        accountId: 'acme',
        signupRestricted: true,
        message: 'Ask Acme IT',
      },
    });
    const res = await request(server).get('/api/auth/guest/refresh');
    expect(res.status).toBe(200);
  });
});
