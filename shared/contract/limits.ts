// Limits the contract states, in a module of their own (no zod): the engine's sheet-reading worker imports
// them without loading every channel's schema.

/** The largest import file accepted, in bytes. */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;
