// The environment every timed process inherits. Node acts on some variables at each start, before
// any script runs: NODE_EXTRA_CA_CERTS makes it read and parse the certificates named (about 40 ms a
// start on the machine of the committed run, where the sandbox sets it), and NODE_OPTIONS can add
// preloads or V8 flags. Either adds the same cost to Keystash and to each Node baseline, which pulls
// every ratio towards 1 and flatters Keystash; a developer's shell rarely sets them.
export const START_UP_VARIABLES = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS'];

/** Removes them from this process's environment, which every process the bench starts inherits; returns those that were set. */
export function dropStartUpVariables(env = process.env) {
  const dropped = START_UP_VARIABLES.filter((name) => env[name] !== undefined);
  for (const name of dropped) delete env[name];
  return dropped;
}
