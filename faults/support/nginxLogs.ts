// What nginx's logs (deploy/nginx/runNginx.ts writes them in its own folder) say about requests
// to app servers that died: the evidence that a kill landed mid-request.
import { IDEMPOTENT_UPLOAD_PATH } from '../../deploy/nginx/nginxConfig.ts';

/**
 * Uploads a server was handling when it died, from nginx's error log: the connection broke after
 * the request reached it (a refused connection means it never did, and is not counted). Only the
 * [error] line of each: nginx adds a [warn] that it now leaves the server out.
 */
export function interruptedUploads(errorLog: string, port: number): number {
  return errorLog
    .split('\n')
    .filter((line) => line.includes(' [error] '))
    .filter((line) => line.includes(`request: "POST ${IDEMPOTENT_UPLOAD_PATH} `))
    .filter((line) => line.includes(`upstream: "http://127.0.0.1:${port}/`))
    .filter((line) => !line.includes('connect() failed')).length;
}

/** Uploads nginx sent to a second app server after the first failed (access log). */
export function uploadsSentOn(accessLog: string): number {
  return accessLog
    .split('\n')
    .filter((line) => line.includes(`"POST ${IDEMPOTENT_UPLOAD_PATH} `))
    .filter((line) => /upstream="[^"]*, /.test(line)).length;
}

/** Requests `method path` that went to any of these app servers' ports (access log). */
export function requestsTo(
  accessLog: string,
  request: { method: string; path: string },
  ports: readonly number[],
): number {
  return accessLog
    .split('\n')
    .filter((line) => line.includes(`"${request.method} ${request.path} `))
    .filter((line) => ports.some((port) => line.includes(`127.0.0.1:${port}`))).length;
}
