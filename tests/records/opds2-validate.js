#!/usr/bin/env node
// opds2-validate FEED.json...
// Validates OPDS 2 feeds against the official OPDS 2 JSON schemas and the
// Readium Web Publication Manifest schemas they use, all kept in
// tests/records/official/ and loaded by their $id, so nothing is fetched.
// ajv-formats is what makes "format": "uri" and "date-time" count: plain
// ajv ignores formats it does not know.  Prints one line per feed; exits 1
// if any fails.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const official = path.join(__dirname, 'official');
const FEED = 'https://drafts.opds.io/schema/feed.schema.json';

function schemaFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return schemaFiles(p);
    return e.name.endsWith('.schema.json') ? [p] : [];
  });
}

// strict: false: the published schemas use union types and "required"
// without "type": "object", which ajv's strict mode rejects or warns about.
// That is schema style, not what these tests judge.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
for (const dir of ['opds2', 'readium']) {
  for (const file of schemaFiles(path.join(official, dir))) {
    ajv.addSchema(JSON.parse(fs.readFileSync(file, 'utf8')));
  }
}
const validate = ajv.getSchema(FEED);

let failed = 0;
for (const file of process.argv.slice(2)) {
  let data;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    console.log(`${file}: not JSON: ${err.message}`);
    failed++;
    continue;
  }
  if (validate(data)) {
    console.log(`${file}: valid`);
  } else {
    failed++;
    for (const e of validate.errors) {
      console.log(`${file}: ${e.instancePath || '/'} ${e.message} (${e.schemaPath})`);
    }
  }
}
process.exit(failed ? 1 : 0);
