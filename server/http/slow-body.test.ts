import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually, startInProcess, testConfig } from '../testing/harness';

let server: Awaited<ReturnType<typeof startInProcess>>;
beforeAll(async () => {
  server = await startInProcess(testConfig());
});
afterAll(() => server.close());

/** Sends a POST's headers and a part of its body, then goes away. */
function abandonBody(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port(), '127.0.0.1', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"title": "sl`);
      // Destroyed once the server has the partial body: it is waiting for the rest.
      setImmediate(() => socket.destroy());
      resolve();
    });
    socket.on('error', reject);
  });
}

describe('request bodies that never finish', () => {
  it('log one summary line per request, never a stack trace', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const level = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'info';
    try {
      const paths = ['/api/workshops', '/api/workshops/import', '/api/workshops/AAAAAAAAAAAA/access'];
      for (let i = 0; i < 30; i++) await abandonBody(paths[i % 3]!);
      await eventually(() => expect(lines.filter((l) => l.includes('request body not received'))).toHaveLength(30));
      expect(error).not.toHaveBeenCalled();
      const entry = JSON.parse(lines.find((l) => l.includes('request body not received'))!) as Record<string, unknown>;
      expect(entry).toMatchObject({ message: 'request body not received', method: 'POST', route: expect.any(String), receivedBytes: expect.any(Number) });
      expect(lines.every((l) => !l.includes('    at '))).toBe(true);
      // The server still answers.
      expect((await fetch(`${server.origin}/api/health`)).status).toBe(200);
    } finally {
      process.env.LOG_LEVEL = level;
      log.mockRestore();
      error.mockRestore();
    }
  });
});
