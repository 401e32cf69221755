// Apart from the schema that enforces them (key-record.ts), so that code needing only a number
// (parsing a keystash:// reference in `run`) starts without building zod.

/** Limits shared by the contract, the core validation and the UI's inline messages. */
export const LIMITS = {
  nameMax: 100,
  envVarMax: 128,
  providerMax: 60,
  tagMax: 40,
  tagsPerKey: 50,
  notesMax: 4000,
  scopeMax: 200,
  scopesPerKey: 50,
  urlMax: 2000,
  rotateEveryDaysMax: 3650,
} as const;

export const ENV_VAR_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
