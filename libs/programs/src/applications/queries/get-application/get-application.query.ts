import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { DATABASE } from '@ledger/runtime';
import { ApplicationNotFound } from '../../../domain';
import type { ProgramsTables } from '../../../programs.tables';
import { applicationViewOf, type ApplicationView } from '../application.view';

/** application/get from the read model; another org's application is not among this org's rows: 404. */
@Injectable()
export class GetApplicationQuery {
  constructor(@Inject(DATABASE) private readonly db: Kysely<ProgramsTables>) {}

  async execute(org: string, applicationId: string): Promise<ApplicationView> {
    const row = await this.db.selectFrom('program_application').selectAll().where('org', '=', org).where('application_id', '=', applicationId).limit(1).executeTakeFirst();
    if (!row) throw new ApplicationNotFound(applicationId);
    return applicationViewOf(row);
  }
}
