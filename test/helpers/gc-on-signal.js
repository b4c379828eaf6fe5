// Preloaded (NODE_OPTIONS=--require) into an app process by memory tests: SIGUSR2 runs a full garbage
// collection, so what the test reads afterwards is what stays, not garbage V8 has not yet collected.
const v8 = require('node:v8');
const vm = require('node:vm');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
process.on('SIGUSR2', () => gc());
