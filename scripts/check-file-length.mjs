#!/usr/bin/env node
// Fails when a source file under src/ passes 300 lines once formatted (the house rule in
// docs/ARCHITECTURE.md): a longer file holds more than one responsibility and is split by them.
// Tests may be longer (a table of cases reads better whole). Run by `npm run lint`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const LIMIT = 300;

/**
 * Written exceptions, each with its reason. Keep this list short: a file lands here only when
 * splitting it would scatter one thing across files.
 */
const EXCEPTIONS = new Map([]);

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield path;
  }
}

const tooLong = [];
for (const path of sourceFiles('src')) {
  const text = readFileSync(path, 'utf8');
  const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
  if (lines > LIMIT && !EXCEPTIONS.has(path)) tooLong.push(`${path}: ${lines} lines`);
}
if (tooLong.length > 0) {
  console.error(`Source files over ${LIMIT} lines (split them by responsibility, see docs/ARCHITECTURE.md):`);
  for (const line of tooLong) console.error(`  ${line}`);
  process.exit(1);
}
