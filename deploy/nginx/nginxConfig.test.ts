// The proxy's configuration decides which requests may reach a second app server after the first
// died: only offline uploads (idempotent by transaction id) may, once sent.
import { describe, expect, it } from 'vitest';
import {
  IDEMPOTENT_UPLOAD_PATH,
  NginxConfigError,
  renderCircaSite,
  renderStandaloneNginxConfig,
} from './nginxConfig.ts';
import { parseAddress } from './proxy.ts';

const appServers = [
  { host: '127.0.0.1', port: 3001 },
  { host: '127.0.0.1', port: 3002 },
  { host: 'app3.example.org', port: 3003 },
];

/** The directives of one block, found by its opening line. */
function block(config: string, opening: string): string {
  const start = config.indexOf(opening);
  expect(start).toBeGreaterThanOrEqual(0);
  return config.slice(start, config.indexOf('}', start));
}

describe('renderCircaSite', () => {
  const site = renderCircaSite({ listen: '8080', appServers });

  it('lists every app server with a passive health check, and keeps connections to them open', () => {
    const upstream = block(site, 'upstream circa_app_servers {');
    for (const s of appServers) {
      expect(upstream).toContain(`server ${s.host}:${s.port} max_fails=1 fail_timeout=10s;`);
    }
    expect(upstream).toMatch(/keepalive \d+;/);
    // keepalive to the upstream needs HTTP/1.1 without the client's Connection header.
    expect(site).toContain('proxy_http_version 1.1;');
    expect(site).toContain('proxy_set_header Connection "";');
  });

  it('passes the client address, the scheme and the Host with its port', () => {
    expect(site).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    expect(site).toContain('proxy_set_header X-Forwarded-Proto $scheme;');
    expect(site).toContain('proxy_set_header Host $http_host;');
  });

  it('repeats on the next server only what never reached one, except offline uploads', () => {
    const everything = block(site, 'location / {');
    const uploads = block(site, `location = ${IDEMPOTENT_UPLOAD_PATH} {`);
    expect(site.match(/non_idempotent/g)).toHaveLength(1);
    expect(uploads).toContain('proxy_next_upstream error timeout non_idempotent;');
    expect(everything).not.toContain('non_idempotent');
    expect(site).toMatch(/^ {4}proxy_next_upstream error timeout;$/m);
  });

  it('waits for an upload longer than the server waits for its processing', () => {
    const uploads = block(site, `location = ${IDEMPOTENT_UPLOAD_PATH} {`);
    expect(uploads).toContain('proxy_read_timeout 60s;');
  });

  it('accepts bodies as large as an import, and HTTPS when given a certificate', () => {
    expect(site).toContain('client_max_body_size 512m;');
    const tls = renderCircaSite({
      listen: '443 ssl',
      appServers,
      tls: { certificate: '/etc/ssl/circa.pem', certificateKey: '/etc/ssl/circa.key' },
    });
    expect(tls).toContain('listen 443 ssl;');
    expect(tls).toContain('ssl_certificate /etc/ssl/circa.pem;');
    expect(tls).toContain('ssl_certificate_key /etc/ssl/circa.key;');
  });

  it.each([
    [{ listen: '8080', appServers: [] }, /at least one app server/],
    [{ listen: '8080', appServers: [{ host: '127.0.0.1', port: 0 }] }, /port must be/],
    [{ listen: '8080', appServers: [{ host: 'a;b', port: 1 }] }, /not a host name/],
    [{ listen: '80; evil', appServers }, /not an nginx listen address/],
    [{ listen: '80', appServers, maxBodyBytes: 1024 }, /at least 32 MiB/],
  ])('refuses %j with a clear message', (options, message) => {
    expect(() => renderCircaSite(options)).toThrow(NginxConfigError);
    expect(() => renderCircaSite(options)).toThrow(message);
  });
});

describe('renderStandaloneNginxConfig', () => {
  it('keeps pid, logs and body buffers inside its own folder', () => {
    const config = renderStandaloneNginxConfig({ prefix: '/tmp/p/', listen: '8080', appServers });
    for (const directive of [
      'pid',
      'error_log',
      'access_log',
      'client_body_temp_path',
      'proxy_temp_path',
      'fastcgi_temp_path',
      'uwsgi_temp_path',
      'scgi_temp_path',
    ]) {
      expect(config).toMatch(new RegExp(`^\\s*${directive} /tmp/p/\\w`, 'm'));
    }
    expect(config).not.toMatch(/\/var\/|\/etc\//);
    expect(config).toContain('upstream circa_app_servers {');
  });
});

describe('parseAddress', () => {
  it('reads HOST:PORT and refuses anything else', () => {
    expect(parseAddress('127.0.0.1:3001', '--app')).toEqual({ host: '127.0.0.1', port: 3001 });
    expect(() => parseAddress('3001', '--app')).toThrow(/'3001' is not HOST:PORT/);
  });
});
