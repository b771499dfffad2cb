// The e2e tests drive the system Chromium (Playwright must not download a browser here).
// If it is missing and we can install it (root on Debian/Ubuntu), install it; otherwise say how.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(path)) {
  const canInstall = !process.env.CHROMIUM_PATH && process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
  if (canInstall) {
    console.log('Chromium is missing: installing it with apt-get (Debian package "chromium")…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
      stdio: 'inherit',
    });
  }
  if (!fs.existsSync(path)) {
    console.error(
      `Chromium not found at ${path}. Install it ("apt-get install -y chromium" on Debian) ` +
        'or set CHROMIUM_PATH to a Chromium binary.',
    );
    process.exit(1);
  }
}
