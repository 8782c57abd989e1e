import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { DATABASE } from '@ledger/runtime';
import { InfluencerNotFound } from '../../../domain';
import type { ProgramsTables } from '../../../programs.tables';
import { influencerViewOf, type InfluencerView } from '../influencer.view';

/** profile/get from the read model; another org's influencer is not among this org's rows: 404. */
@Injectable()
export class GetInfluencerQuery {
  constructor(@Inject(DATABASE) private readonly db: Kysely<ProgramsTables>) {}

  async execute(org: string, influencerId: string): Promise<InfluencerView> {
    const row = await this.db.selectFrom('program_influencer').selectAll().where('org', '=', org).where('influencer_id', '=', influencerId).limit(1).executeTakeFirst();
    if (!row) throw new InfluencerNotFound(influencerId);
    return influencerViewOf(row);
  }
}
