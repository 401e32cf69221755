// Placeholder so the build has an entry; the CLI engineer replaces this file.
process.stdout.write('usage: keystash <command> [options]\n');
