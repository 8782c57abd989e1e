// Test-only endpoints that exercise every path of the edge (validation, roles, errors, idempotency, NDJSON, consistency).
import { Body, Controller, Inject, Module, Post } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { EVENT_STORE, streamName, type EventStore } from '@ledger/event-store';
import { AssertionFailed, Conflict, Forbidden, NotFound, randomId, Unavailable } from '@ledger/kernel';
import { Ctx, RawTextBody, ReadOnly, RequiresActingRole, Roles, withPosition } from '@ledger/http';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';

class ProbeLine {
  @ApiProperty({ minLength: 1, maxLength: 20 }) @IsString() @Length(1, 20) sku: string;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) quantity: number;
}

class ProbeAttribution {
  @ApiProperty({ minimum: 1, maximum: 365 }) @IsInt() @Min(1) @Max(365) windowDays: number;
}

export class ProbeOrder {
  @ApiProperty({ minLength: 1, maxLength: 10 }) @IsString() @Length(1, 10) name: string;
  @ApiProperty({ type: [ProbeLine], maxItems: 5 }) @IsArray() @ArrayMaxSize(5) @ValidateNested({ each: true }) @Type(() => ProbeLine) lines: ProbeLine[];
  // @ValidateNested alone lets a missing object through; @IsObject makes it required.
  @ApiProperty() @IsObject() @ValidateNested() @Type(() => ProbeAttribution) attribution: ProbeAttribution;
}

export class ProbeNote {
  @ApiProperty({ minLength: 1, maxLength: 100 }) @IsString() @Length(1, 100) note: string;
}

export class ProbeFailure {
  @ApiProperty({ enum: ['conflict', 'not_found', 'forbidden', 'unavailable', 'assertion', 'boom', 'wrong_version'] })
  @IsIn(['conflict', 'not_found', 'forbidden', 'unavailable', 'assertion', 'boom', 'wrong_version'])
  kind: string;
}

/** Lets a test hold a request in flight (to race a duplicate against it), then let it go. */
export class ProbeGate {
  private open: Promise<void> = Promise.resolve();
  private release: () => void = () => undefined;
  private holdsOnlyNext = false;
  executions = 0;
  close(): void {
    this.open = new Promise((resolve) => (this.release = resolve));
    this.holdsOnlyNext = false;
  }
  /** Holds the next request only; later ones pass until openGate() lets the held one go. */
  holdNext(): void {
    this.close();
    this.holdsOnlyNext = true;
  }
  openGate(): void {
    this.release();
  }
  async pass(): Promise<void> {
    this.executions += 1;
    const open = this.open;
    if (this.holdsOnlyNext) {
      this.holdsOnlyNext = false;
      this.open = Promise.resolve();
    }
    await open;
  }
}

@Controller('influencer/probe')
export class ProbeController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly gate: ProbeGate,
  ) {}

  @Post('order')
  @ReadOnly()
  order(@Body() body: ProbeOrder): { ok: true; lines: number } {
    return { ok: true, lines: body.lines.length };
  }

  /** A command: appends one event, answers its position. Counts executions through the gate. */
  @Post('note')
  async note(@Ctx() ctx: RequestContext, @Body() body: ProbeNote): Promise<{ id: string; note: string; position: string | null }> {
    await this.gate.pass();
    const id = randomId();
    const result = await this.store.append(
      streamName('probe', ctx.org, id),
      [{ id: randomId(), type: 'ProbeNoted', data: { note: body.note }, metadata: eventMetadataFrom(ctx, { occurredAt: new Date().toISOString() }) }],
      { expectedRevision: 'no_stream' },
    );
    return withPosition({ id, note: body.note }, result.position);
  }

  @Post('fail')
  async fail(@Ctx() ctx: RequestContext, @Body() body: ProbeFailure): Promise<never> {
    switch (body.kind) {
      case 'wrong_version': {
        // A stream that does not exist, appended to as if it had 5 events: the store refuses.
        const event = { id: randomId(), type: 'ProbeNoted', data: {}, metadata: eventMetadataFrom(ctx, { occurredAt: new Date().toISOString() }) };
        await this.store.append(streamName('probe', ctx.org, randomId()), [event], { expectedRevision: 4n });
        throw new AssertionFailed('the append should have been refused');
      }
      case 'conflict':
        throw new Conflict('PROBE.CONFLICT', 'conflicts with the current state');
      case 'not_found':
        throw new NotFound('PROBE.NOT_FOUND', 'no such thing');
      case 'forbidden':
        throw new Forbidden('PROBE.FORBIDDEN', 'not for you');
      case 'unavailable':
        throw new Unavailable('PROBE.UNAVAILABLE', 'try later', 7);
      case 'assertion':
        throw new AssertionFailed('an invariant broke');
      default:
        throw new Error('secret internal detail: db password is hunter2');
    }
  }

  @Post('act')
  @RequiresActingRole('inf_finance', 'inf_admin')
  @ReadOnly()
  act(@Ctx() ctx: RequestContext): { actingRole?: string; costCentre?: string } {
    return { actingRole: ctx.actingRole, costCentre: ctx.costCentre };
  }

  @Post('audit')
  @Roles('inf_auditor')
  @ReadOnly()
  audit(): { ok: true } {
    return { ok: true };
  }

  @Post('ingest')
  @RawTextBody('application/x-ndjson')
  @ReadOnly()
  ingest(@Body() body: string): { lines: number; bytes: number } {
    return { lines: body.split('\n').filter((l) => l.trim()).length, bytes: Buffer.byteLength(body) };
  }

  @Post('query')
  @ReadOnly()
  query(@Ctx() ctx: RequestContext): { org: string } {
    return { org: ctx.org };
  }
}

@Module({ controllers: [ProbeController], providers: [ProbeGate], exports: [ProbeGate] })
export class ProbeModule {}

