// Refusals of the code decider, each with a stable code.
import { Conflict, NotFound } from '@ledger/kernel';

export class CodeTaken extends Conflict {
  constructor(code: string) {
    super('CODE.TAKEN', `Code ${code} is already taken in this org.`);
  }
}

export class CodeNotFound extends NotFound {
  constructor(code: string) {
    super('CODE.NOT_FOUND', `Code ${code} was never issued.`);
  }
}

export class CodeAlreadyDeactivated extends Conflict {
  constructor(code: string) {
    super('CODE.ALREADY_DEACTIVATED', `Code ${code} is already deactivated.`);
  }
}
