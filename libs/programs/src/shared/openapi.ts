import { getSchemaPath } from '@nestjs/swagger';
import type { Type } from '@nestjs/common';

/** `oneOf` over DTO classes, for the discriminated unions of the contract (earnings, discount). */
export const oneOfRefs = (...types: Type[]): Array<{ $ref: string }> => types.map((type) => ({ $ref: getSchemaPath(type) }));
