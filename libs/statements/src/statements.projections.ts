import { statementLinesProjection } from './statements/read-models/statement-lines/statement-lines.projection';
import { statementProjection } from './statements/read-models/statement/statement.projection';

/** The statements context's read models (apps/main/projections.ts registers them). */
export const statementsProjections = [statementLinesProjection, statementProjection];
