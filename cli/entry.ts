import module from 'node:module';

// The `keystash` process starts here. V8's compile cache (Node 22.1+; absent on Node 20, hence the
// guard) must be on before the rest of the CLI is parsed, so the rest is loaded only afterwards.
module.enableCompileCache?.();
await import('./main');
