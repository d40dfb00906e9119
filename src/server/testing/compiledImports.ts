// Which packages the compiled server loads, read from its JavaScript: each must be a production
// dependency, or a production install (npm ci --omit=dev) cannot start it.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { COMPILED_SERVER_MAIN } from './compiledServer.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');

/** The package a bare import names ('@scope/name/x' → '@scope/name'); null for Node's own. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!)) {
    return null;
  }
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every module specifier a JavaScript file imports or re-exports, statically or dynamically. */
export function importSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

export interface PackageImport {
  packageName: string;
  /** The compiled file that imports it, relative to the repository. */
  importedBy: string;
}

/**
 * Every package the compiled server loads, following relative imports from its entry point, so
 * files left from an earlier build of a since-deleted source are not counted.
 */
export function packagesImportedFrom(entry: string = COMPILED_SERVER_MAIN): PackageImport[] {
  const seen = new Set<string>();
  const found: PackageImport[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) {
        if (specifier.endsWith('.js')) visit(resolve(dirname(file), specifier));
        continue;
      }
      const packageName = packageOf(specifier);
      if (packageName) found.push({ packageName, importedBy: relative(REPO_ROOT, file) });
    }
  };
  visit(entry);
  return found;
}
