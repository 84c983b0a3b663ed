import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small S3-compatible server for tests, on 127.0.0.1: PUT, GET and DELETE of objects in one
 * bucket, kept in memory, each request's SigV4 signature checked as S3 does. The check is
 * written here on its own (not with src/storage/sigv4.ts), so a mistake in the application's
 * signer cannot be repeated by the server that accepts it; `s3.test.ts` holds it to AWS's
 * published example too.
 */

const hex = (d: string | Buffer) => createHash('sha256').update(d).digest('hex');
const mac = (k: string | Buffer, d: string) => createHmac('sha256', k).update(d).digest();

/** encodeURIComponent leaves !'()* alone; SigV4 encodes them. */
const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface SignedRequest {
  method: string;
  /** The path and query as they came on the request line. */
  target: string;
  /** Header names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  signedHeaders: string[];
  amzDate: string;
  region: string;
  secretAccessKey: string;
}

/** The signature S3 expects for this request: the verifier's own derivation. */
export function expectedSignature(r: SignedRequest): string {
  const [rawPath, rawQuery = ''] = r.target.split('?') as [string, string?];
  const path = rawPath
    .split('/')
    .map((s) => enc(decodeURIComponent(s)))
    .join('/');
  const query = rawQuery
    .split('&')
    .filter(Boolean)
    .map((p) => {
      const [k, v = ''] = p.split('=');
      return `${enc(decodeURIComponent(k!.replace(/\+/g, ' ')))}=${enc(decodeURIComponent(v.replace(/\+/g, ' ')))}`;
    })
    .sort()
    .join('&');
  const headerLines = r.signedHeaders.map((name) => {
    const v = r.headers[name];
    const value = (Array.isArray(v) ? v.join(',') : (v ?? '')).trim().replace(/\s+/g, ' ');
    return `${name}:${value}\n`;
  });
  const payload = String(r.headers['x-amz-content-sha256'] ?? '');
  const canonical = `${r.method}\n${path}\n${query}\n${headerLines.join('')}\n${r.signedHeaders.join(';')}\n${payload}`;
  const day = r.amzDate.slice(0, 8);
  const scope = `${day}/${r.region}/s3/aws4_request`;
  const key = mac(mac(mac(mac(`AWS4${r.secretAccessKey}`, day), r.region), 's3'), 'aws4_request');
  return createHmac('sha256', key)
    .update(`AWS4-HMAC-SHA256\n${r.amzDate}\n${scope}\n${hex(canonical)}`)
    .digest('hex');
}

export interface TestS3 {
  /** S3_* settings for the application. */
  env: Record<'S3_ENDPOINT' | 'S3_BUCKET' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_REGION', string>;
  objects: Map<string, Buffer>;
  /** Every request answered: method, key and status (403 for a refused signature). */
  log: { method: string; key: string; status: number; code?: string }[];
  close(): Promise<void>;
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

export async function startS3(
  opts: { bucket?: string; accessKeyId?: string; secretAccessKey?: string; region?: string } = {},
): Promise<TestS3> {
  const bucket = opts.bucket ?? 'essaim-test';
  const accessKeyId = opts.accessKeyId ?? 'AKIATESTESSAIM';
  const secretAccessKey = opts.secretAccessKey ?? 'test/secret+key/for/essaim/only';
  const region = opts.region ?? 'eu-west-1';
  const objects = new Map<string, Buffer>();
  const log: TestS3['log'] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const target = req.url ?? '/';
      const [, b, ...rest] = target.split('?')[0]!.split('/');
      const key = decodeURIComponent(rest.join('/'));
      const answer = (status: number, code?: string, data?: Buffer) => {
        log.push({ method: req.method ?? '', key, status, ...(code ? { code } : {}) });
        if (code) {
          res.writeHead(status, { 'content-type': 'application/xml' });
          res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`);
        } else {
          res.writeHead(status, data ? { 'content-length': data.length } : {});
          res.end(data);
        }
      };
      const m = AUTH.exec(String(req.headers.authorization ?? ''));
      if (!m) return answer(403, 'AccessDenied');
      const [, keyId, day, scopeRegion, signed, signature] = m as unknown as string[];
      if (keyId !== accessKeyId) return answer(403, 'InvalidAccessKeyId');
      if (scopeRegion !== region) return answer(400, 'AuthorizationHeaderMalformed');
      const amzDate = String(req.headers['x-amz-date'] ?? '');
      const when = Date.parse(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
      if (!amzDate.startsWith(day!) || !(Math.abs(Date.now() - when) < 15 * 60_000))
        return answer(403, 'RequestTimeTooSkewed');
      const signedHeaders = signed!.split(';');
      for (const needed of ['host', 'x-amz-date', 'x-amz-content-sha256'])
        if (!signedHeaders.includes(needed)) return answer(403, 'AccessDenied');
      // The body must be the one that was signed.
      if (req.headers['x-amz-content-sha256'] !== hex(body)) return answer(400, 'XAmzContentSHA256Mismatch');
      const expected = expectedSignature({
        method: req.method ?? '',
        target,
        headers: req.headers,
        signedHeaders,
        amzDate,
        region,
        secretAccessKey,
      });
      if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature!))) return answer(403, 'SignatureDoesNotMatch');
      if (b !== bucket) return answer(404, 'NoSuchBucket');
      if (req.method === 'PUT') {
        objects.set(key, body);
        return answer(200);
      }
      if (req.method === 'GET') {
        const found = objects.get(key);
        return found ? answer(200, undefined, found) : answer(404, 'NoSuchKey');
      }
      if (req.method === 'DELETE') {
        objects.delete(key);
        return answer(204);
      }
      return answer(405, 'MethodNotAllowed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: {
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: accessKeyId,
      S3_SECRET_ACCESS_KEY: secretAccessKey,
      S3_REGION: region,
    },
    objects,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
