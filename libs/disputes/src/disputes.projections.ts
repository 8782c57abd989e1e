import { disputeCaseProjection } from './disputes/read-models/dispute-case/dispute-case.projection';

/** The disputes context's read models (apps/main/projections.ts registers them). */
export const disputesProjections = [disputeCaseProjection];
