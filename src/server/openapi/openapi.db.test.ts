import { afterAll, beforeAll, expect, it } from 'vitest';
import { StaffAction } from '../../shared/api/actions.ts';
import { startTestApi, type TestApi } from '../testing/apiHarness.ts';
import { describeEachEngine } from '../testing/engines.ts';

interface SessionSchema {
  required: string[];
  properties: Record<string, unknown>;
}

describeEachEngine('GET /api/openapi.json', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(() => api.dispose());

  it('needs a session', async () => {
    expect((await api.anonymous().get('/api/openapi.json')).statusCode).toBe(401);
  });

  it('describes the API routes from their Zod schemas, and nothing else', async () => {
    const agent = await api.signIn('reader');
    const response = await agent.get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    const paths = document.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/api/session'] ?? {}).toSorted()).toEqual(['delete', 'get', 'post']);
    expect(Object.keys(paths['/api/session/workstation'] ?? {})).toEqual(['put']);
    expect(paths['/api/health']).toHaveProperty('get');
    expect(paths['/api/workstations/suggestion']).toHaveProperty('get');
    expect(Object.keys(paths).every((path) => path.startsWith('/api/'))).toBe(true);
    // Every API route in the app's route table is documented, whichever area registered it.
    const undocumented = api.app.routeAccess
      .filter((r) => r.url.startsWith('/api/') && r.url !== '/api/openapi.json')
      .filter((r) => {
        const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        return paths[path]?.[r.method.toLowerCase()] === undefined;
      })
      .map((r) => `${r.method} ${r.url}`);
    expect(undocumented).toEqual([]);
    expect(paths['/api/openapi.json']).toBeUndefined();

    const signIn = paths['/api/session']?.post as {
      security: unknown[];
      requestBody: { content: Record<string, { schema: { required: string[] } }> };
    };
    expect(signIn.security).toEqual([]);
    expect(signIn.requestBody.content['application/json']?.schema.required).toEqual([
      'username',
      'password',
    ]);
    // The session answer lists the signed-in user's actions, named as the contract names them.
    const session = paths['/api/session']?.get as {
      responses: Record<string, { content: Record<string, { schema: SessionSchema }> }>;
    };
    const sessionSchema = session.responses['200']?.content['application/json']?.schema;
    expect(sessionSchema?.required).toContain('actions');
    expect(sessionSchema?.properties.actions).toMatchObject({
      type: 'array',
      items: { enum: StaffAction.options },
    });
    expect(document.components.securitySchemes.session).toMatchObject({
      in: 'cookie',
      name: 'circa_session',
    });
  });
});
