// Stands in for node:child_process inside commander (scripts/build-node.mjs): commander requires it
// when it loads, for executable subcommands, which Keystash does not have. Loading it (with net and
// its sockets) costs about 3 ms of every CLI start; this loads it only if spawn is ever called.
'use strict';
module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };
