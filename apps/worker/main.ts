// Background only: projections, process managers, schedulers, the SCM consumer. No HTTP.
import 'reflect-metadata';
import { boot } from '../main/boot';

void boot('ledger-worker', { http: false, worker: true });
