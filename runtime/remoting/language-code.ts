/**
 * RocketMQ's LanguageCode (remoting/…/protocol/LanguageCode.java): the JSON header carries the name, the
 * ROCKETMQ binary header the number.
 */
export const LanguageCode = {
  JAVA: 0,
  CPP: 1,
  DOTNET: 2,
  PYTHON: 3,
  DELPHI: 4,
  ERLANG: 5,
  RUBY: 6,
  OTHER: 7,
  HTTP: 8,
  GO: 9,
  PHP: 10,
  OMS: 11,
  RUST: 12,
} as const

const byCode = new Map<number, string>(Object.entries(LanguageCode).map(([name, code]) => [code, name]))

/** The number written in a binary header for a language name; unknown names travel as OTHER. */
export function languageToCode(language: string): number {
  return (LanguageCode as Record<string, number>)[language] ?? LanguageCode.OTHER
}

/** The language name for a binary header's number, or undefined if RocketMQ defines none. */
export function languageFromCode(code: number): string | undefined {
  return byCode.get(code)
}
