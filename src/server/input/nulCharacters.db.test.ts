// PostgreSQL cannot store or compare text holding NUL: every route refuses it first, with a 400
// naming the field, on both engines alike.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiError } from '../../shared/api/errors.ts';
import { startTestApi, type SignedInAgent, type TestApi } from '../testing/apiHarness.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { findNulCharacter } from './nulCharacters.ts';

it('finds the first NUL in strings, keys, lists and deep nesting, and ignores raw bytes', () => {
  expect(findNulCharacter({ a: ['x', { b: 'y\u0000' }] })).toEqual(['a', 1, 'b']);
  expect(findNulCharacter({ 'k\u0000': 1 })).toEqual(['k\\u0000']);
  expect(findNulCharacter(Buffer.from([0]))).toBeNull();
  expect(findNulCharacter({ a: 'clean', n: 1, t: true, z: null })).toBeNull();
  let deep: unknown = 'end\u0000';
  for (let i = 0; i < 500_000; i++) deep = [deep];
  expect(findNulCharacter(deep)).toHaveLength(500_000);
});

describeEachEngine('NUL characters in requests', (engine) => {
  let api: TestApi;
  let admin: SignedInAgent;
  beforeAll(async () => {
    api = await startTestApi(engine);
    admin = await api.signIn('nul-admin', 'admin');
  });
  afterAll(() => api.dispose());

  it('are refused with 400 naming the field, in a body, an address or a query', async () => {
    const cases = [
      [
        await api.anonymous().post('/api/session', { username: 'a\u0000', password: 'p' }),
        'username',
      ],
      [await admin.get('/api/patrons/P%001'), 'barcode'],
      [await admin.get('/api/offline/report?workstation=D%00'), 'workstation'],
      [
        await admin.post('/api/checkouts', { patronBarcode: 'P\u0000', itemBarcode: 'I' }),
        'patronBarcode',
      ],
    ] as const;
    for (const [response, field] of cases) {
      expect(response.statusCode).toBe(400);
      const { error } = response.json<ApiError>();
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toContain(`${field}: contains a NUL character`);
    }
  });
});
