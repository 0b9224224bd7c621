// Run by scripts/launch/electron-runtime.ts in a child process: asks Electron's own package for
// its binary, exactly as `require('electron')` does in Electron 45 (downloading it on first use
// through the package's install.js, i.e. `install-electron`), and prints the path on a marked line.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- this is the CommonJS entry Electron documents
const electronPath = require(require.resolve('electron', { paths: [process.cwd()] }));
process.stdout.write(`\nMSVW_ELECTRON_BINARY=${electronPath}\n`);
