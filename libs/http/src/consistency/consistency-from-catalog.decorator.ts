import { SetMetadata } from '@nestjs/common';

export const OWN_CONSISTENCY = 'ledger:ownConsistency';

/**
 * The endpoint answers from an in-memory model, not from the read models (ApplyCode answers
 * from the program catalog): the edge must not make it wait for projections. The endpoint
 * honours X-Consistency-Position itself, against the model it reads.
 */
export const HandlesOwnConsistency = (): MethodDecorator => SetMetadata(OWN_CONSISTENCY, true);
