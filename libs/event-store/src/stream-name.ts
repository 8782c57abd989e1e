import { InvalidStreamName } from './errors';

// `<category>-<org>.<id>`: the category precedes the first `-` (EventStoreDB's convention).
const CATEGORY = /^[a-z][a-z0-9_]*$/;
const ORG = /^[A-Za-z0-9_-]+$/;

export function streamName(category: string, org: string, id: string): string {
  if (!CATEGORY.test(category) || !ORG.test(org) || id.length === 0) {
    throw new InvalidStreamName(`${category}-${org}.${id}`);
  }
  return `${category}-${org}.${id}`;
}

export function parseStreamName(stream: string): { category: string; org: string; id: string } {
  const dash = stream.indexOf('-');
  const dot = stream.indexOf('.', dash + 1);
  if (dash <= 0 || dot <= dash + 1 || dot === stream.length - 1) throw new InvalidStreamName(stream);
  return { category: stream.slice(0, dash), org: stream.slice(dash + 1, dot), id: stream.slice(dot + 1) };
}
