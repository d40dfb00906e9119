// A file an import cannot read at all (not UTF-8, a header with unknown columns, a quote never
// closed, no MARC records): thrown by the readers with the line or record where reading stopped.
import type { ImportRefusal } from '../../shared/api/imports.ts';

export class ImportFileError extends Error {
  override name = 'ImportFileError';
  constructor(readonly problems: readonly ImportRefusal[]) {
    super(problems.map((p) => `line or record ${p.line}: ${p.reason}`).join(' '));
  }

  static at(line: number, field: string, reason: string): ImportFileError {
    return new ImportFileError([{ line, field, reason }]);
  }
}
