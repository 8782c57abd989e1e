import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, type AppConfig } from '@ledger/config';
import { createHttpApp } from '@ledger/http';
import { Logger } from '@ledger/runtime';
import { LedgerAppModule, type AppRoles } from './app.module';
import { startupBanner } from './banner';
import { startRuntime } from './runtime';
import { onShutdownSignal } from './shutdown';
import { startupFailureLine } from './startup-failure';

/**
 * The start-up of every process: config → runtime (database, migrations, event store) →
 * Nest (HTTP app or plain context) → projections → listen. `roles` decides what this
 * process serves: api = {http}, worker = {worker}, main = both.
 */
export async function boot(name: string, roles: AppRoles): Promise<void> {
  const config = loadConfigOrExit();
  const logger = Logger.create({ level: config.logLevel, name });
  let started: Awaited<ReturnType<typeof startRuntime>> | null = null;
  const fail = async (error: unknown): Promise<never> => {
    logger.fatal('start-up failed', { err: error });
    await started?.stop().catch(() => undefined);
    process.stderr.write(`${startupFailureLine(error)}\n`);
    process.exit(1);
  };
  // A library's child process or socket without an 'error' listener would otherwise end the start-up
  // with an unhandled 'error' event's stack trace instead of the line that says what to do.
  const onUncaught = (error: unknown) => void fail(error);
  process.once('uncaughtException', onUncaught);
  try {
    started = await startRuntime(config, { runProjections: roles.worker, logger });
    const { runtime } = started;
    const module = LedgerAppModule.forRoot(runtime, roles);
    let app: INestApplicationContext;
    if (roles.http) {
      app = await createHttpApp(module, runtime);
    } else {
      app = await NestFactory.createApplicationContext(module, { logger: logger.forNest(), abortOnError: false });
      await app.init();
    }
    await started.startBackground();
    const runtimeToStop = started;
    onShutdownSignal(logger, async () => {
      await app.close();
      await runtimeToStop.stop();
    });

    if (roles.http) {
      const http = app as Awaited<ReturnType<typeof createHttpApp>>;
      await http.listen(config.port);
      const address = http.getHttpServer().address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      logger.info('listening', { port, roles });
      process.stdout.write(`${await startupBanner({ port, generatedSecret: started.generatedSecret ? runtime.config.auth.jwtSecret : null, issuer: runtime.config.auth.issuer, audience: runtime.config.auth.audience })}\n`);
    } else {
      logger.info('worker running', { roles });
    }
    process.removeListener('uncaughtException', onUncaught);
  } catch (error) {
    await fail(error);
  }
}

function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
