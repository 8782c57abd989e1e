import { Module } from '@nestjs/common';
import { GenerateStatementController } from './statements/commands/generate-statement/generate-statement.http.controller';
import { GenerateStatementHandler } from './statements/commands/generate-statement/generate-statement.handler';
import { RunStatementsController } from './statements/commands/run-statements/run-statements.http.controller';
import { RunStatementsHandler } from './statements/commands/run-statements/run-statements.handler';
import { GetStatementController } from './statements/queries/get-statement/get-statement.http.controller';
import { ListStatementsController } from './statements/queries/list-statements/list-statements.http.controller';

/** Statements over HTTP: statement/generate | run | get | list. */
@Module({
  controllers: [GenerateStatementController, RunStatementsController, GetStatementController, ListStatementsController],
  providers: [GenerateStatementHandler, RunStatementsHandler],
})
export class StatementsHttpModule {}
