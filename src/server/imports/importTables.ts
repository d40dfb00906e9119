// The import tables (migration 0010) as Kysely sees them; Database in db/schema.ts includes them.
import type { Generated, Selectable } from 'kysely';
import type { ImportKind, ImportStatus } from '../../shared/api/imports.ts';

export interface ImportTable {
  id: Generated<number>;
  kind: ImportKind;
  file_path: string;
  file_name: string | null;
  file_bytes: number;
  /** JSON of ImportOptions. */
  options: string;
  status: ImportStatus;
  bytes_read: Generated<number>;
  rows_read: Generated<number>;
  create_count: Generated<number>;
  update_count: Generated<number>;
  unchanged_count: Generated<number>;
  refused_count: Generated<number>;
  message: string | null;
  staff_user_id: number | null;
  actor: string;
  started_at: number;
  finished_at: number | null;
}

export type ImportRowAction = 'create' | 'update' | 'unchanged' | 'refused';

export interface ImportRowTable {
  import_id: number;
  barcode: string;
  line: number;
  action: ImportRowAction;
  data: string | null;
}

export interface ImportRefusalTable {
  import_id: number;
  line: number;
  field: string;
  reason: string;
}

export type ImportJob = Selectable<ImportTable>;
