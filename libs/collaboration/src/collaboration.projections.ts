import { collabCommentProjection } from './comments/read-models/collab-comment/collab-comment.projection';
import { collabInboxItemProjection } from './inbox/read-models/collab-inbox-item/collab-inbox-item.projection';

export { collabCommentProjection, collabInboxItemProjection };

/** The collaboration read models, for apps/main/projections.ts. */
export const collaborationProjections = [collabCommentProjection, collabInboxItemProjection];
