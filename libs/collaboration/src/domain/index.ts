// Collaboration domain: comments (threads, revisions, status, reports) and inbox items. Pure deciders.
export * from './comment/comment.decider';
export * from './comment/comment.errors';
export * from './inbox/inbox-item.decider';
export * from './inbox/inbox-item.errors';
export { SUBJECT_KINDS, type SubjectKind } from './shared/checks';
