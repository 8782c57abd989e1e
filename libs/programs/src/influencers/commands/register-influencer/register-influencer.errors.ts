import { NotFound } from '@ledger/kernel';

export class ParentInfluencerNotFound extends NotFound {
  constructor(parentId: string) {
    super('INFLUENCER.PARENT_NOT_FOUND', `Parent influencer ${parentId} is not registered in this org.`);
  }
}
