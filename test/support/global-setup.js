// Jest global setup: use the local PostgreSQL when one answers (CI), else start the embedded one.
const { Client } = require('pg');
const path = require('node:path');

async function answers(url) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

module.exports = async function globalSetup() {
  const local = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await answers(local)) {
    process.env.TEST_PG_ADMIN_URL = local;
    return;
  }
  // Compiled on demand by @swc/jest is not available here; require the TS through swc-register-free path.
  const { startEmbeddedPostgres } = require('./embedded-loader');
  const handle = await startEmbeddedPostgres({ dir: path.resolve(__dirname, '../../.data/test-pg'), port: 54330 });
  process.env.TEST_PG_ADMIN_URL = handle.url;
  globalThis.__EMBEDDED_PG__ = handle;
  console.log(`\n[tests] no PostgreSQL on 127.0.0.1:5432; using embedded PostgreSQL at ${handle.url}`);
};
