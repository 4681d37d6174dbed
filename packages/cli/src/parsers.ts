import { InvalidArgumentError } from 'commander';

// Option parsers: a bad value is a usage error (exit code 2) reported by commander with the option's name.

export function nonEmpty(value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new InvalidArgumentError('It must not be empty.');
  return trimmed;
}

export function email(value: string): string {
  const trimmed = value.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) throw new InvalidArgumentError('It must be an email address such as office@clinic.example.');
  return trimmed;
}

export function countUpTo(max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`It must be a whole number from 1 to ${max}.`);
    return n;
  };
}
