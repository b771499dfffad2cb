// Fails early, with a clear message, when the system Chromium the e2e tests use is missing.
import fs from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(path)) {
  console.error(
    `Chromium not found at ${path}. Install it with "apt-get install -y chromium" (Debian) ` +
      'or set CHROMIUM_PATH to a Chromium binary. Playwright must not download its own browser here.',
  );
  process.exit(1);
}
