import { withPosition } from '@ledger/http';
import type { ModificationOutcome } from '../../earning-modifications.service';
import type { ModifiedEarningAnswer } from './modification.request.dto';

export function modifiedEarningAnswer(outcome: ModificationOutcome, modificationId: string): ModifiedEarningAnswer {
  const result = outcome.results[0]!;
  return withPosition({ id: result.earningId, ...result.earning, modificationId, applied: result.applied }, outcome.position);
}
