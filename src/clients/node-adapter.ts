// How axios sends a call when no proxy is configured: straight through Node's http/https on the
// kept-alive agents. axios's own Node adapter also handles proxies, redirects, compression, upload
// and download progress, size limits and streams; the desktop's calls use none of them (JSON both
// ways, maxRedirects 0, text responses), and its per-call work was most of a call's CPU: 80 µs of
// 255 on this machine, and about half of the garbage of a 1,000-agent shift start (MEASUREMENTS,
// eleventh pass). With a proxy in the environment, axios's adapter is used as before.
import http from 'node:http';
import https from 'node:https';
import axios, {
  AxiosError,
  CanceledError,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';

/** What axios's adapter sends as the client's name; kept, so Webex sees the same requests. */
const USER_AGENT = `axios/${axios.VERSION}`;

/**
 * How long a whole call may take: the configured timeout, and a little more so that a socket
 * silent for the whole timeout is reported as that (axios's "timeout of … exceeded").
 */
function wholeCallMs(timeout: number | undefined): number {
  return (timeout || 10_000) + 250;
}

/**
 * axios's own adapter (used when the environment names a proxy) bounds only a socket's silence:
 * this gives it the whole-call deadline our adapter keeps itself, as an abort signal, so every
 * call is bounded the same way whichever adapter sends it. A timer cleared when the call ends,
 * not AbortSignal.timeout's, which stays armed for the whole wait after every call.
 */
export function withWholeCallDeadline(adapter: AxiosAdapter): AxiosAdapter {
  return async (config) => {
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new DOMException('The call took too long', 'TimeoutError')),
      wholeCallMs(config.timeout),
    );
    const own = config.signal as AbortSignal | undefined;
    try {
      return await adapter({
        ...config,
        signal: own ? AbortSignal.any([own, deadline.signal]) : deadline.signal,
      });
    } finally {
      clearTimeout(timer);
    }
  };
}

export const nodeAdapter: AxiosAdapter = (config) =>
  new Promise<AxiosResponse<string>>((resolve, reject) => {
    const url = new URL(config.url ?? '');
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') {
      reject(new AxiosError(`Unsupported protocol ${url.protocol}`, 'ERR_BAD_REQUEST', config));
      return;
    }
    const data = bodyOf(config);
    const headers = outgoingHeaders(config, data);
    const signal = config.signal as AbortSignal | undefined;
    if (signal?.aborted) {
      reject(new CanceledError(undefined, config));
      return;
    }
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onAbort);
      return true;
    };
    const fail = (error: AxiosError) => {
      if (settle()) reject(error);
    };
    const request = (secure ? https : http).request(
      url,
      {
        method: (config.method ?? 'get').toUpperCase(),
        headers,
        agent: (secure ? config.httpsAgent : config.httpAgent) as http.Agent | undefined,
      },
      (response) => {
        response.setEncoding('utf8');
        let text = '';
        response.on('data', (chunk: string) => (text += chunk));
        response.on('error', (err) => fail(AxiosError.from(err, undefined, config, request)));
        response.on('end', () => {
          if (!settle()) return;
          resolve({
            data: text,
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            headers: headersRead(response.headers),
            config,
            request,
          } as AxiosResponse<string>);
        });
      },
    );
    const onAbort = () => {
      fail(new CanceledError(undefined, config, request));
      request.destroy();
    };
    // One timer bounds the whole call, a silent socket and an answer that trickles in alike (a
    // socket timeout is re-armed by every byte); cleared however the call ends.
    const deadline = setTimeout(() => {
      fail(
        new AxiosError(
          `timeout of ${config.timeout ?? 0}ms exceeded`,
          AxiosError.ECONNABORTED,
          config,
          request,
        ),
      );
      request.destroy();
    }, wholeCallMs(config.timeout));
    signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (err: NodeJS.ErrnoException) =>
      fail(AxiosError.from(err, err.code, config, request)),
    );
    request.end(data);
  });

/**
 * The answer's headers that are ever read: the tracking id (http-call.ts, log-serializers.ts),
 * Retry-After (http-errors.ts) and the content type. axios copies and normalizes every header it
 * is handed, twice per answer (its AxiosHeaders, a findKey over all of them for each one): a
 * large share of its garbage per call, growing with the headers a service adds (caching and
 * security headers, Vary, Server and the like; MEASUREMENTS, thirteenth pass). Through a proxy,
 * axios's own adapter still hands over all of them.
 */
export const HEADERS_READ = ['content-type', 'trackingid', 'retry-after'] as const;

function headersRead(all: http.IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of HEADERS_READ) {
    const value = all[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}

function bodyOf(config: InternalAxiosRequestConfig): string | undefined {
  const data: unknown = config.data;
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') return data;
  // httpCall sends text only; anything else would be a new caller, better refused than guessed.
  throw new AxiosError('Only text bodies are sent by this adapter', 'ERR_BAD_REQUEST', config);
}

function outgoingHeaders(
  config: InternalAxiosRequestConfig,
  data: string | undefined,
): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = { 'User-Agent': USER_AGENT };
  for (const [name, value] of Object.entries(config.headers.toJSON())) {
    if (value !== undefined && value !== null) headers[name] = value;
  }
  if (data !== undefined) headers['Content-Length'] = Buffer.byteLength(data);
  return headers;
}
