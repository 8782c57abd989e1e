// HTTP only: scale these out behind a load balancer; the projections run in apps/worker.
import 'reflect-metadata';
import { boot } from '../main/boot';

void boot('ledger-api', { http: true, worker: false });
