// npm start — the desktop app. The window, run store and dashboard are still being built; until they
// land this says so plainly instead of failing in a confusing way, and points to what works today.
process.stderr.write(
  'The desktop window of Deep Learning Lab is not part of this version yet.\n' +
    'Everything it will run works today from the command line: npm run lab -- --help\n',
);
process.exitCode = 1;
