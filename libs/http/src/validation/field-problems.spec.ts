// Proves class-validator errors become one {field, problem} per invalid field with caller-visible paths (lines[0].quantity).
import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsObject, IsString, Min, ValidateNested, validate } from 'class-validator';
import { fieldProblems } from './field-problems';

class Line {
  @IsInt() @Min(1) quantity: number;
}
class Window {
  @IsInt() days: number;
}
class Order {
  @IsString() name: string;
  @ValidateNested({ each: true }) @Type(() => Line) lines: Line[];
  @IsObject() @ValidateNested() @Type(() => Window) window: Window;
}

it('flattens nested and array errors into paths', async () => {
  const order = plainToInstance(Order, { name: 3, lines: [{ quantity: 1 }, { quantity: 0 }], window: { days: 'x' } });
  const problems = fieldProblems(await validate(order));
  expect(problems).toEqual([
    { field: 'name', problem: 'must be a string' },
    { field: 'lines[1].quantity', problem: 'must not be less than 1' },
    { field: 'window.days', problem: 'must be an integer number' },
  ]);
});
