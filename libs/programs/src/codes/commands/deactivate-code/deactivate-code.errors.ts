import { NotFound } from '@ledger/kernel';

export class CodeIdNotFound extends NotFound {
  constructor(codeId: string) {
    super('CODE.NOT_FOUND', `No code with id ${codeId} in this org.`);
  }
}
