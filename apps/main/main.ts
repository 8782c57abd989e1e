// `npm start`: the whole product in one process — HTTP API, projections, process managers,
// schedulers — on the embedded PostgreSQL when DATABASE_URL is unset.
import 'reflect-metadata';
import { boot } from './boot';

void boot('ledger', { http: true, worker: true });
