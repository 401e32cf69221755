// Placeholder so the build has an entry; the Electron engineer replaces this file.
export {};
