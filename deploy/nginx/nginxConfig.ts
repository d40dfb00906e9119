// The nginx configuration for Circa behind one reverse proxy with several app servers
// (docs/deployment-several-servers.md): the site (upstream and server blocks, for conf.d of a
// system nginx) and a whole nginx.conf around it for an nginx run by an ordinary user in a folder of
// its own (proxy.ts, the fault trial). Pure, so the documented configuration is tested as text.
import { MAX_UPLOAD_BYTES } from '../../src/shared/api/offline.ts';
import { DEFAULT_IMPORT_MAX_BYTES } from '../../src/server/config.ts';
import { PROCESSING_ANSWER_WAIT_MS } from '../../src/server/commands/receiveAndWait.ts';

/** The one endpoint a request may be sent to a second app server after reaching the first. */
export const IDEMPOTENT_UPLOAD_PATH = '/api/offline/transactions';

/**
 * After one failed attempt an app server is left out for this long, then tried again: long
 * enough that a dead server costs each desk one refused connection, not one per request.
 */
export const APP_SERVER_FAIL_TIMEOUT_S = 10;

/**
 * An upload's answer waits for processing up to PROCESSING_ANSWER_WAIT_MS; the proxy waits longer,
 * or it would give up on a healthy server and send the upload to another one for nothing.
 */
export const UPLOAD_READ_TIMEOUT_S = Math.ceil(PROCESSING_ANSWER_WAIT_MS / 1000) * 3;

/** Other answers: an import's preview or confirmation of a large file is answered when done. */
export const READ_TIMEOUT_S = 300;

/** A server that does not accept a connection within this is passed over for the next one. */
export const CONNECT_TIMEOUT_S = 5;

/** Idle connections to the app servers each nginx worker keeps open, so requests skip the connect. */
export const UPSTREAM_KEEPALIVE_CONNECTIONS = 32;

export interface AppServerAddress {
  host: string;
  port: number;
}

export interface CircaSiteOptions {
  /** nginx's `listen` argument, e.g. `8080`, `127.0.0.1:8080` or `443 ssl`. */
  listen: string;
  /** The app servers, each `node dist/server/main.js` on a port of its own. */
  appServers: readonly AppServerAddress[];
  /** `server_name`; `_` (any name) when not given. */
  serverName?: string;
  /** HTTPS at the proxy: the certificate and key files nginx reads. */
  tls?: { certificate: string; certificateKey: string };
  /** The largest request body: at least the largest import (IMPORT_MAX_BYTES) and upload. */
  maxBodyBytes?: number;
}

export class NginxConfigError extends Error {
  override name = 'NginxConfigError';
}

/**
 * The upstream and server blocks: what goes into /etc/nginx/conf.d/circa.conf, or inside the
 * `http` block of a whole configuration.
 */
export function renderCircaSite(options: CircaSiteOptions): string {
  checkOptions(options);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_IMPORT_MAX_BYTES;
  const servers = options.appServers.map(
    (s) => `    server ${s.host}:${s.port} max_fails=1 fail_timeout=${APP_SERVER_FAIL_TIMEOUT_S}s;`,
  );
  const tls = options.tls
    ? [
        `    ssl_certificate ${options.tls.certificate};`,
        `    ssl_certificate_key ${options.tls.certificateKey};`,
      ]
    : [];
  return [
    '# Circa: several app servers on one database, behind this proxy.',
    '# Sessions live in the database, so any app server serves any desk: no sticky sessions.',
    'upstream circa_app_servers {',
    ...servers,
    `    keepalive ${UPSTREAM_KEEPALIVE_CONNECTIONS};`,
    '}',
    '',
    'server {',
    `    listen ${options.listen};`,
    `    server_name ${options.serverName ?? '_'};`,
    ...tls,
    `    client_max_body_size ${Math.ceil(maxBodyBytes / 1024 / 1024)}m;`,
    '',
    '    proxy_http_version 1.1;',
    '    proxy_set_header Connection "";',
    '    # With its port: Circa refuses a POST whose Origin is not the Host it was sent to.',
    '    proxy_set_header Host $http_host;',
    "    # Believed only because the app servers set TRUST_PROXY to this proxy's address.",
    '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '    proxy_set_header X-Forwarded-Proto $scheme;',
    `    proxy_connect_timeout ${CONNECT_TIMEOUT_S}s;`,
    `    proxy_read_timeout ${READ_TIMEOUT_S}s;`,
    '    # A request that never reached an app server (connection refused: the server is down) is',
    '    # sent to the next one. One that reached it is retried only when repeating it is harmless:',
    '    # nginx never repeats a POST or PATCH, so a check-out a dying server may have made is not',
    '    # made twice (the desk sees 502 and looks before scanning again).',
    '    proxy_next_upstream error timeout;',
    '',
    '    location / {',
    '        proxy_pass http://circa_app_servers;',
    '    }',
    '',
    '    # Offline uploads are stored by transaction id, repeats ignored: one that reached a server',
    '    # which died before answering is safe to send to the next (the desk would resend it anyway).',
    `    location = ${IDEMPOTENT_UPLOAD_PATH} {`,
    '        proxy_pass http://circa_app_servers;',
    `        proxy_read_timeout ${UPLOAD_READ_TIMEOUT_S}s;`,
    '        proxy_next_upstream error timeout non_idempotent;',
    '    }',
    '}',
    '',
  ].join('\n');
}

export interface StandaloneNginxOptions extends CircaSiteOptions {
  /** The folder nginx keeps its pid, logs and buffered bodies in; must exist and be writable. */
  prefix: string;
}

/**
 * A whole nginx.conf for an nginx that an ordinary user runs in the foreground (`-g 'daemon off;'`)
 * with everything it writes inside `prefix`: no system service, log or temp folder is touched.
 * The access log names the app servers each request went to, so a trial can see retries.
 */
export function renderStandaloneNginxConfig(options: StandaloneNginxOptions): string {
  const inPrefix = (name: string) => `${options.prefix.replace(/\/+$/, '')}/${name}`;
  const site = renderCircaSite(options)
    .split('\n')
    .map((line) => (line === '' ? line : `    ${line}`))
    .join('\n');
  return [
    'worker_processes 1;',
    `pid ${inPrefix('nginx.pid')};`,
    `error_log ${inPrefix('error.log')} warn;`,
    '',
    'events {',
    '    worker_connections 1024;',
    '}',
    '',
    'http {',
    '    log_format circa \'$remote_addr [$time_iso8601] "$request" $status \'',
    '                     \'upstream="$upstream_addr" upstream_status="$upstream_status"\';',
    `    access_log ${inPrefix('access.log')} circa;`,
    `    client_body_temp_path ${inPrefix('client_body')};`,
    `    proxy_temp_path ${inPrefix('proxy')};`,
    `    fastcgi_temp_path ${inPrefix('fastcgi')};`,
    `    uwsgi_temp_path ${inPrefix('uwsgi')};`,
    `    scgi_temp_path ${inPrefix('scgi')};`,
    '',
    site.trimEnd(),
    '}',
    '',
  ].join('\n');
}

function checkOptions(options: CircaSiteOptions): void {
  if (options.appServers.length === 0) {
    throw new NginxConfigError('Name at least one app server (host and port) for the proxy.');
  }
  for (const server of options.appServers) {
    if (!Number.isInteger(server.port) || server.port < 1 || server.port > 65_535) {
      throw new NginxConfigError(
        `App server ${server.host}:${server.port}: the port must be a whole number from 1 to 65535.`,
      );
    }
    if (!/^[A-Za-z0-9.:[\]-]+$/.test(server.host)) {
      throw new NginxConfigError(
        `App server host '${server.host}' is not a host name or address (e.g. 127.0.0.1, app1.example.org).`,
      );
    }
  }
  if (!/^[A-Za-z0-9.:[\] ]+$/.test(options.listen.trim())) {
    throw new NginxConfigError(
      `listen '${options.listen}' is not an nginx listen address (e.g. 8080, 127.0.0.1:8080, 443 ssl).`,
    );
  }
  if (options.maxBodyBytes !== undefined && options.maxBodyBytes < MAX_UPLOAD_BYTES) {
    throw new NginxConfigError(
      `The proxy must accept bodies of at least ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB, the largest offline upload, ` +
        'so that Circa (not nginx) answers a larger one with its own message.',
    );
  }
}
