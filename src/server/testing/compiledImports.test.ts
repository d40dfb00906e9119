import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSpecifiers, packageOf, packagesImportedFrom } from './compiledImports.ts';

describe('packageOf', () => {
  it('names the package of a bare import, with its scope', () => {
    expect(packageOf('fastify')).toBe('fastify');
    expect(packageOf('kysely/helpers/postgres')).toBe('kysely');
    expect(packageOf('@fastify/static')).toBe('@fastify/static');
    expect(packageOf('@date-fns/tz/date')).toBe('@date-fns/tz');
  });

  it("leaves Node's own modules out, with or without the node: prefix", () => {
    expect(packageOf('node:fs/promises')).toBeNull();
    expect(packageOf('fs/promises')).toBeNull();
    expect(packageOf('crypto')).toBeNull();
  });
});

describe('importSpecifiers', () => {
  it('finds static, side-effect, re-exported and dynamic imports, across lines', () => {
    const source = [
      "import Fastify from 'fastify';",
      'import {',
      '  sql,',
      "} from 'kysely';",
      "import './register.js';",
      "export { a } from './a.js';",
      "export * from '@scope/b';",
      "const pg = await import('pg');",
      'const text = \'import x from "not-a-module" in a string\';',
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([
      'fastify',
      'kysely',
      './register.js',
      './a.js',
      '@scope/b',
      'pg',
    ]);
  });
});

describe('packagesImportedFrom', () => {
  it('follows relative imports from the entry point and skips files it never reaches', () => {
    const dir = mkdtempSync(join(tmpdir(), 'circa-compiled-'));
    try {
      mkdirSync(join(dir, 'db'));
      writeFileSync(join(dir, 'main.js'), "import './db/connect.js';\nimport 'node:fs';\n");
      writeFileSync(join(dir, 'db', 'connect.js'), "import Database from 'better-sqlite3';\n");
      writeFileSync(join(dir, 'stale.js'), "import 'vite';\n");
      const names = packagesImportedFrom(join(dir, 'main.js')).map((p) => p.packageName);
      expect(names).toEqual(['better-sqlite3']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
