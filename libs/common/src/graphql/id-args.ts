import { PipeTransform } from '@nestjs/common';
import { Args, ArgsOptions, ID } from '@nestjs/graphql';
import { DomainError, isUuid } from '@policy-cms/contract';

/** Refuses an id that is not a UUID, naming the argument, so services and SQL never see a malformed one. */
export class UuidPipe implements PipeTransform<unknown, string | null | undefined> {
  constructor(private readonly field: string) {}

  transform(value: unknown): string | null | undefined {
    if (value === null || value === undefined) return value;
    if (!isUuid(value)) throw DomainError.badInput(this.field, `${this.field} must be a UUID, e.g. 0b0e7c5e-8d1a-4f0e-9c39-2f5d7b1e6a42`);
    return value.toLowerCase();
  }
}

/** `@UuidArg('id')`: a GraphQL `ID` argument checked at the edge (Immich's UUIDParamDto, in GraphQL's terms). */
export function UuidArg(name: string, options: Omit<ArgsOptions, 'name' | 'type'> = {}): ParameterDecorator {
  return Args(name, { ...options, type: () => ID }, new UuidPipe(name));
}
