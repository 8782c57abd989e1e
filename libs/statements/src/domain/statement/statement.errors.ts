import { Conflict } from '@ledger/kernel';

export class PeriodOpen extends Conflict {
  constructor(periodEnd: string, now: string) {
    super('period_open', `The period ends at ${periodEnd}, after now (${now}): a statement is issued for a closed period only.`);
  }
}

export class PeriodOverlaps extends Conflict {
  constructor(number: string) {
    super('period_overlap', `The period overlaps statement ${number} of this influencer and currency.`);
  }
}

export class PeriodBeforeLastStatement extends Conflict {
  constructor(number: string) {
    super('period_before_last_statement', `Statement ${number} already covers a later period: statements of an influencer and currency follow each other in time.`);
  }
}

export class TooManyStatements extends Conflict {
  constructor(influencerId: string) {
    super('too_many_statements', `Influencer ${influencerId} has reached the number of statements one influencer may have.`);
  }
}

export class StatementTooLarge extends Conflict {
  constructor(lines: number) {
    super('statement_too_large', `The statement would hold more than ${lines} lines: issue it for shorter periods.`);
  }
}
