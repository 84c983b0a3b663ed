import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4, the request signing every S3-compatible store accepts (AWS, MinIO,
 * Garage, Ceph, Scaleway, OVH…), written on node:crypto rather than pulling in an SDK for three
 * verbs. Checked against AWS's published examples in `sigv4.test.ts`.
 */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}

export interface RequestToSign {
  method: string;
  url: URL;
  /** Headers to sign (names in any case); `host` and `x-amz-date` are added. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body, as sent in `x-amz-content-sha256` for S3. */
  payloadHash: string;
}

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it: unreserved characters kept, everything else %XX in upper case. */
export function uriEncode(s: string, keepSlash: boolean): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === '/')) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `20130524T000000Z`: the signature's timestamp format. */
export const amzDate = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function canonicalQuery(url: URL): string {
  return [...url.searchParams]
    .map(([k, v]) => [uriEncode(k, false), uriEncode(v, false)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Each path segment encoded once, as S3 wants (`$` becomes `%24` even where URLs leave it). */
const canonicalPath = (url: URL) =>
  url.pathname
    .split('/')
    .map((seg) => uriEncode(decodeURIComponent(seg), false))
    .join('/') || '/';

/** The canonical request and the list of signed headers (lower-case, sorted). */
export function canonicalRequest(req: RequestToSign & { headers: Record<string, string> }): {
  text: string;
  signedHeaders: string;
} {
  const headers = Object.entries(req.headers)
    .map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const signedHeaders = headers.map(([k]) => k).join(';');
  const text = [
    req.method.toUpperCase(),
    canonicalPath(req.url),
    canonicalQuery(req.url),
    ...headers.map(([k, v]) => `${k}:${v}`),
    '',
    signedHeaders,
    req.payloadHash,
  ].join('\n');
  return { text, signedHeaders };
}

export function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request');
}

/**
 * Signs a request at `now`: returns the headers to send, `authorization` included. The
 * headers given are all signed (so nothing a proxy adds can change what was meant).
 */
export function signRequest(req: RequestToSign, creds: Credentials, now = new Date()): Record<string, string> {
  const stamp = amzDate(now);
  const day = stamp.slice(0, 8);
  const headers: Record<string, string> = { ...req.headers, host: req.url.host, 'x-amz-date': stamp };
  const { text, signedHeaders } = canonicalRequest({ ...req, headers });
  const scope = `${day}/${creds.region}/${creds.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256Hex(text)].join('\n');
  const signature = createHmac('sha256', signingKey(creds.secretAccessKey, day, creds.region, creds.service))
    .update(toSign)
    .digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
