// A fake S3-compatible object store: path-style PUT, GET, HEAD and DELETE of objects in one bucket,
// answering like S3 (XML errors, ETags), so the real AWS SDK client runs against it. Records every
// request, including its signature header, and keeps objects in memory.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeS3Request {
  method: string;
  /** The object key (after the bucket), decoded. */
  key: string;
  headers: Record<string, string>;
}

export interface FakeS3 {
  url: string;
  bucket: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  requests: FakeS3Request[];
  /** Variables that point Flint's image storage at this fake. */
  env: Record<string, string>;
  /** Make the next `count` PUTs fail with HTTP 500. */
  failPuts(count: number): void;
  close(): Promise<void>;
}

const ACCESS_KEY = 'FAKEACCESSKEY';
const SECRET_KEY = 'fake-secret-key';

function xmlError(code: string, message: string) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeS3({ bucket = 'flint-images' }: { bucket?: string } = {}): Promise<FakeS3> {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const requests: FakeS3Request[] = [];
  let failingPuts = 0;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, first, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    requests.push({ method: req.method ?? 'GET', key, headers });
    const body = await readBody(req);
    const send = (status: number, text = '', extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'x-amz-request-id': 'fake', ...(text ? { 'content-type': 'application/xml' } : {}), ...extra });
      res.end(text);
    };
    if (!headers.authorization?.includes(`Credential=${ACCESS_KEY}/`)) return send(403, xmlError('AccessDenied', 'Missing or wrong credentials'));
    if (first !== bucket) return send(404, xmlError('NoSuchBucket', 'The specified bucket does not exist'));
    if (!key) return send(400, xmlError('InvalidRequest', 'Only object operations are supported by this fake'));
    switch (req.method) {
      case 'PUT': {
        if (failingPuts > 0) {
          failingPuts--;
          return send(500, xmlError('InternalError', 'We encountered an internal error. Please try again.'));
        }
        objects.set(key, { body, contentType: headers['content-type'] ?? 'application/octet-stream' });
        return send(200, '', { etag: `"${createHash('md5').update(body).digest('hex')}"` });
      }
      case 'GET':
      case 'HEAD': {
        const object = objects.get(key);
        if (!object) return req.method === 'HEAD' ? send(404) : send(404, xmlError('NoSuchKey', 'The specified key does not exist.'));
        res.writeHead(200, { 'content-type': object.contentType, 'content-length': String(object.body.length), etag: `"${createHash('md5').update(object.body).digest('hex')}"` });
        return res.end(req.method === 'HEAD' ? undefined : object.body);
      }
      case 'DELETE':
        objects.delete(key);
        return send(204);
      default:
        return send(405, xmlError('MethodNotAllowed', 'Not supported by this fake'));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    bucket,
    objects,
    requests,
    env: { S3_ENDPOINT: url, S3_BUCKET: bucket, S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: ACCESS_KEY, S3_SECRET_ACCESS_KEY: SECRET_KEY },
    failPuts(count) {
      failingPuts = count;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
