// `npx tsx deploy/nginx/proxy.ts --listen 127.0.0.1:8080 --app 127.0.0.1:3001 --app 127.0.0.1:3002`
// runs nginx in the foreground in front of the app servers, as the ordinary user, until Ctrl-C;
// `--print` prints the site configuration for a system nginx instead (/etc/nginx/conf.d/circa.conf).
// See docs/deployment-several-servers.md.
import { parseArgs } from 'node:util';
import { NginxConfigError, renderCircaSite, type AppServerAddress } from './nginxConfig.ts';
import { runNginx } from './runNginx.ts';

const USAGE =
  'Usage: npx tsx deploy/nginx/proxy.ts --listen HOST:PORT --app HOST:PORT [--app HOST:PORT …] [--print]';

/** `host:port` as given on the command line. */
export function parseAddress(text: string, what: string): AppServerAddress {
  const match = /^(.+):(\d+)$/.exec(text.trim());
  if (!match)
    throw new NginxConfigError(`${what} '${text}' is not HOST:PORT, e.g. 127.0.0.1:3001.`);
  return { host: match[1]!, port: Number(match[2]) };
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      listen: { type: 'string' },
      app: { type: 'string', multiple: true, default: [] },
      print: { type: 'boolean', default: false },
    },
  });
  if (!values.listen || values.app.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const appServers = values.app.map((a) => parseAddress(a, '--app'));
  if (values.print) {
    process.stdout.write(renderCircaSite({ listen: values.listen, appServers }));
    return 0;
  }
  const listen = parseAddress(values.listen, '--listen');
  const nginx = await runNginx({
    appServers,
    host: listen.host,
    port: listen.port,
    onOutput: (chunk) => process.stderr.write(chunk),
  });
  console.log(
    `nginx is proxying ${nginx.url} to ${appServers.map((s) => `${s.host}:${s.port}`).join(', ')}; ` +
      `logs in ${nginx.prefix}. Ctrl-C stops it. The app servers need TRUST_PROXY set to the ` +
      'address nginx reaches them from (127.0.0.1 when they run on this machine).',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await nginx.dispose();
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof NginxConfigError ? error.message : error);
      process.exitCode = 1;
    },
  );
}
