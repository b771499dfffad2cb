// The import worker's entry: plain JavaScript, so that it starts the same under `tsx` (npm
// start), vitest and node alike; it registers tsx's loader in this thread, then runs the
// TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./import-worker.ts');
