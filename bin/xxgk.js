#!/usr/bin/env node
// Runs the compiled CLI (npm install builds it through the `prepare` script).
require('../dist/apps/cli/main.js')
  .main(process.argv)
  .catch((e) => {
    console.error(`xxgk: ${e && e.message ? e.message : e}`);
    process.exit(70);
  });
