// docs/deployment-several-servers.md shows the nginx site a systems librarian copies: it must be
// the configuration the fault trial runs, so a change to one cannot leave the other behind.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCircaSite } from './nginxConfig.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const DOC = readFileSync(resolve(REPO_ROOT, 'docs/deployment-several-servers.md'), 'utf8');

describe('docs/deployment-several-servers.md', () => {
  it('shows the site configuration that renderCircaSite writes', () => {
    const shown = /```nginx\n([\s\S]*?)```/.exec(DOC)?.[1];
    expect(shown).toBe(
      renderCircaSite({
        listen: '443 ssl',
        serverName: 'circa.example.org',
        appServers: [3001, 3002, 3003].map((port) => ({ host: '127.0.0.1', port })),
        tls: {
          certificate: '/etc/ssl/certs/circa.example.org.pem',
          certificateKey: '/etc/ssl/private/circa.example.org.key',
        },
      }),
    );
  });

  it('names only files that exist', () => {
    const named = [...DOC.matchAll(/`((?:deploy|faults|src|docs)\/[^`\s]+\.(?:ts|md))`/g)].map(
      (m) => m[1] ?? '',
    );
    expect(named.length).toBeGreaterThan(2);
    expect(named.filter((path) => !existsSync(resolve(REPO_ROOT, path)))).toEqual([]);
  });
});
