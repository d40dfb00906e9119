// A fetch for callServer that reports how much of the request body has been sent. fetch() cannot
// tell upload progress, XMLHttpRequest can: large offline files on a slow branch line take a while.

export interface UploadProgress {
  /** Bytes sent so far. */
  sent: number;
  /** Bytes in all, when the browser knows. */
  total: number | null;
  /** True once the whole body is sent: the server is now storing and processing it. */
  done: boolean;
}

/** A `fetch` for one request; a network failure rejects with a TypeError, as fetch does. */
export function fetchWithUploadProgress(
  onProgress: (progress: UploadProgress) => void,
): typeof fetch {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      let sent = 0;
      let total: number | null = null;
      xhr.open(init.method ?? 'GET', String(input));
      xhr.withCredentials = init.credentials !== 'omit';
      new Headers(init.headers).forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.upload.addEventListener('progress', (event) => {
        sent = event.loaded;
        total = event.lengthComputable ? event.total : null;
        onProgress({ sent, total, done: false });
      });
      xhr.upload.addEventListener('load', () =>
        onProgress({ sent: total ?? sent, total, done: true }),
      );
      xhr.addEventListener('load', () =>
        resolve(
          new Response(xhr.status === 204 ? null : xhr.responseText, {
            status: xhr.status,
            headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' },
          }),
        ),
      );
      xhr.addEventListener('error', () =>
        reject(new TypeError('The upload could not reach the server.')),
      );
      xhr.addEventListener('abort', () => reject(new TypeError('The upload was stopped.')));
      xhr.send((init.body as XMLHttpRequestBodyInit | null | undefined) ?? null);
    });
}
