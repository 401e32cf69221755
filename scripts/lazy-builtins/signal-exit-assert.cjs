// Stands in for `assert` inside signal-exit (proper-lockfile's, scripts/build-node.mjs). signal-exit
// requires it when it loads, for one check of its argument; loading node:assert costs 3-4 ms of a
// CLI command that takes a lock (every `keystash get` does, for its audit line). The check is kept:
// only a failing one loads node:assert, for its usual error.
'use strict';
module.exports = {
  equal(actual, expected, message) {
    // Loose (!=), as assert.equal is.
    if (actual != expected) require('node:assert').equal(actual, expected, message);
  },
};
