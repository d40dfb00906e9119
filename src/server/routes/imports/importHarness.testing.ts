// Helpers for import tests: an API with an import folder of its own, the library's codes, files to
// upload, and waiting for an import's background work to finish.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportKind, ImportPreview } from '../../../shared/api/imports.ts';
import { DEMO_BARCODE_RULES, withCheckDigit } from '../../../shared/barcodes/barcodes.ts';
import type { Engine } from '../../db/connect.ts';
import { startTestApi, type ApiAgent, type TestApi } from '../../testing/apiHarness.ts';
import { buildMaterialType, buildPatronType } from '../../testing/factories.ts';

export interface ImportTestApi extends TestApi {
  importDir: string;
  patronTypeId: number;
  materialTypeId: number;
}

export async function startImportTestApi(
  engine: Engine,
  options: { importMaxBytes?: number } = {},
): Promise<ImportTestApi> {
  const importDir = mkdtempSync(join(tmpdir(), 'circa-imports-'));
  const api = await startTestApi(engine, {
    config: {
      importDir,
      ...(options.importMaxBytes ? { importMaxBytes: options.importMaxBytes } : {}),
    },
  });
  await api.db
    .updateTable('library_settings')
    .set({ barcode_rules: JSON.stringify(DEMO_BARCODE_RULES) })
    .execute();
  const patronType = await buildPatronType(api.db, {
    code: 'ADULT',
    name: 'Adult',
    card_months: 24,
  });
  const materialType = await buildMaterialType(api.db, { code: 'BOOK', name: 'Book' });
  return Object.assign(api, {
    importDir,
    patronTypeId: patronType.id,
    materialTypeId: materialType.id,
  });
}

/** The n-th patron or item barcode under the demo rules (14 digits, mod-10 check digit). */
export const patronBarcode = (n: number) => withCheckDigit(`2${String(n).padStart(12, '0')}`);
export const itemBarcode = (n: number) => withCheckDigit(`3${String(n).padStart(12, '0')}`);

export async function uploadImport(
  agent: ApiAgent,
  kind: ImportKind,
  body: string | Uint8Array,
  query = '',
) {
  return agent.request({
    method: 'POST',
    url: `/api/imports?kind=${kind}${query}`,
    body: typeof body === 'string' ? Buffer.from(body) : Buffer.from(body),
    headers: { 'content-type': 'application/octet-stream' },
  });
}

/** Polls until the import is neither previewing nor applying. */
export async function settledImport(
  agent: ApiAgent,
  id: number,
  query = '',
): Promise<ImportPreview> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const response = await agent.get(`/api/imports/${id}${query}`);
    if (response.statusCode !== 200) throw new Error(`GET import ${id}: ${response.body}`);
    const preview = response.json<ImportPreview>();
    if (preview.import.status !== 'previewing' && preview.import.status !== 'applying') {
      return preview;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Import ${id} did not settle.`);
}

/** Uploads, waits for the preview, and answers it. */
export async function previewed(
  agent: ApiAgent,
  kind: ImportKind,
  body: string | Uint8Array,
  query = '',
): Promise<ImportPreview> {
  const response = await uploadImport(agent, kind, body, query);
  if (response.statusCode !== 202)
    throw new Error(`upload: ${response.statusCode} ${response.body}`);
  return settledImport(agent, response.json<{ id: number }>().id);
}

export async function confirmed(agent: ApiAgent, id: number): Promise<ImportPreview> {
  const response = await agent.post(`/api/imports/${id}/confirm`);
  if (response.statusCode !== 202)
    throw new Error(`confirm: ${response.statusCode} ${response.body}`);
  return settledImport(agent, id);
}

export const filesIn = (dir: string) => readdirSync(dir);
