import { RequestMethod, type DynamicModule, type ForwardReference, type INestApplication, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { assert } from '@ledger/kernel';
import { RAW_TEXT_BODY } from './raw-text-body.decorator';
import { READ_ONLY } from './read-only.decorator';

/** `POST /influencer/scm/ingest` → accepted content types, for the body parser (which runs before routing). */
export type RawTextRoutes = Map<string, string[]>;

/** `POST /influencer/code/apply`, ...: the commands (POST, not @ReadOnly), for the request log's command metric. */
export type CommandRoutes = Set<string>;

export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${normalisePath(path)}`;
}

/** Collects every @RawTextBody route of the app's controllers. */
export function collectRawTextRoutes(app: INestApplication): RawTextRoutes {
  const routes: RawTextRoutes = new Map();
  for (const { method, path, handler } of appRoutes(app)) {
    const contentTypes = Reflect.getMetadata(RAW_TEXT_BODY, handler) as string[] | undefined;
    if (!contentTypes) continue;
    assert(!path.includes(':') && !path.includes('*'), `@RawTextBody route ${path} must have a static path`);
    routes.set(routeKey(method, path), contentTypes);
  }
  return routes;
}

/** Collects every command route (POST, neither the handler nor its controller @ReadOnly). */
export function collectCommandRoutes(app: INestApplication): CommandRoutes {
  const routes: CommandRoutes = new Set();
  for (const { method, path, handler, controller } of appRoutes(app)) {
    if (method !== 'POST' || Reflect.getMetadata(READ_ONLY, handler) === true || Reflect.getMetadata(READ_ONLY, controller) === true) continue;
    routes.add(routeKey(method, path));
  }
  return routes;
}

export interface AppRoute {
  method: string;
  path: string;
  handler: object;
  controller: object;
}

/** Every route of the app's controllers: method, full path template, handler function and controller class. */
export function* appRoutes(app: INestApplication): Generator<AppRoute> {
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    const metatype = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
    if (!metatype?.prototype) continue;
    yield* controllerRoutes(metatype);
  }
}

/**
 * The routes the controllers of these modules (and of the modules they import) declare, read from
 * their decorators without starting anything: what docs/roles.md is generated from (no database).
 */
export function* moduleRoutes(modules: ReadonlyArray<Type | DynamicModule>): Generator<AppRoute> {
  const seenModules = new Set<unknown>();
  const seenControllers = new Set<unknown>();
  const visit = function* (module: Type | DynamicModule | Promise<DynamicModule> | ForwardReference | undefined): Generator<AppRoute> {
    if (!module || module instanceof Promise || 'forwardRef' in module) return;
    const dynamic = 'module' in module ? (module as DynamicModule) : undefined;
    const type = dynamic ? dynamic.module : (module as Type);
    if (seenModules.has(dynamic ?? type)) return;
    seenModules.add(dynamic ?? type);
    const imports = [...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) as unknown[] | undefined) ?? []), ...(dynamic?.imports ?? [])];
    for (const imported of imports) yield* visit(imported as Type);
    const controllers = [...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type) as Type[] | undefined) ?? []), ...(dynamic?.controllers ?? [])];
    for (const controller of controllers) {
      if (seenControllers.has(controller)) continue;
      seenControllers.add(controller);
      yield* controllerRoutes(controller as new (...args: unknown[]) => unknown);
    }
  };
  for (const module of modules) yield* visit(module);
}

function* controllerRoutes(metatype: new (...args: unknown[]) => unknown): Generator<AppRoute> {
  const scanner = new MetadataScanner();
  const controllerPaths = asArray(Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined);
  for (const name of scanner.getAllMethodNames(metatype.prototype)) {
    const handler = (metatype.prototype as Record<string, unknown>)[name] as object;
    const methodId = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (methodId === undefined) continue; // not a route handler
    const method = RequestMethod[methodId];
    for (const controllerPath of controllerPaths) {
      for (const methodPath of asArray(Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined)) {
        yield { method, path: `/${controllerPath}/${methodPath}`, handler, controller: metatype };
      }
    }
  }
}

function asArray(value: string | string[] | undefined): string[] {
  if (value === undefined) return [''];
  return Array.isArray(value) ? value : [value];
}

function normalisePath(path: string): string {
  const collapsed = `/${path}`.replace(/\/+/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}
