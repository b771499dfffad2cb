import http from 'node:http';

/** Raw HTTP, so that tests can send the headers browsers send (`Origin`, `Host`) verbatim. */
export function request(
  origin: string,
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; /** e.g. 127.0.0.2: another client address on loopback */ localAddress?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; json: () => Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    // A fresh connection per request (`agent: false`): a kept-alive socket that the server
    // closes after its idle timeout, while a test was building a big body, would reset.
    const req = http.request(new URL(pathname, origin), { method: options.method ?? 'GET', headers: options.headers, agent: false, localAddress: options.localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
