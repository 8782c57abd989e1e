// Jest global setup: use the local PostgreSQL when one answers (CI), else start the embedded one.
const path = require('node:path');
// libs/db's TypeScript, compiled on load: global setup runs outside jest's transform.
const { postgresAnswers, startEmbeddedPostgres } = require('./embedded-loader');

module.exports = async function globalSetup() {
  const local = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await postgresAnswers(local)) {
    process.env.TEST_PG_ADMIN_URL = local;
    return;
  }
  const handle = await startEmbeddedPostgres({ dir: path.resolve(__dirname, '../../.data/test-pg'), port: 54330 });
  process.env.TEST_PG_ADMIN_URL = handle.url;
  globalThis.__EMBEDDED_PG__ = handle;
  console.log(`\n[tests] no PostgreSQL on 127.0.0.1:5432; using embedded PostgreSQL at ${handle.url}`);
};
