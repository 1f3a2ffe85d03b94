// The youths the chaos suite registers, each with a name, ID number and account number of its
// own, and the list of all of them: the privacy scan proves none of these strings leaks.
import { appendFileSync } from 'node:fs';
import { computeCheckDigit } from '../../../domain/idNumber.js';
import { birthDateAged } from '../../support/fixtures.js';

export interface Person {
  name: string;
  idNumber: string;
  accountNo: string;
}

// Rare characters, so a name found in a log cannot be a coincidence of ordinary words.
const GIVEN = '翀翎翃翙翚翛翜翝翞翟翠翡翢翣翤翥翦翧翨翩翪翫翬翭翮翯翰翱翲翳';
let counter = Math.floor(Math.random() * 500);
/** Every name, ID number and account number newPerson() made: only these can be someone's data. */
const generated = new Set<string>();

/** A person no one else in this run has: a distinct birth date and sequence per call. */
export function newPerson(seedRandom: () => number = Math.random): Person {
  counter += 1;
  const birthDate = birthDateAged(18, 30 + (counter % 700));
  const seq = String(100 + (counter % 900)).padStart(3, '0');
  const first17 = `150102${birthDate.replace(/-/g, '')}${seq}`;
  const pick = () => GIVEN[Math.floor(seedRandom() * GIVEN.length)]!;
  const person = {
    name: `混沌${pick()}${pick()}${counter % 10}`,
    idNumber: first17 + computeCheckDigit(first17),
    accountNo: `62284800${String(10_000_000 + counter * 7919).slice(-8)}`,
  };
  for (const v of Object.values(person)) generated.add(v);
  return person;
}

export function registrationOf(p: Person, division = '150102') {
  return {
    person: {
      name: p.name,
      idNumber: p.idNumber,
      hukouType: 'urban',
      bankAccount: { bank: '中国农业银行', accountNo: p.accountNo, holder: p.name },
    },
    division,
  };
}

/** Everyone registered, kept in memory and, in the full suite, appended to a shared file. */
export class Registry {
  readonly people: Person[] = [];
  constructor(private readonly file: string | null) {}

  add(p: Person): void {
    this.people.push(p);
    if (this.file) appendFileSync(this.file, JSON.stringify(p) + '\n');
  }

  /**
   * The generated names, ID numbers and account numbers in a request the API accepted. Other
   * digit strings (the fuzzer's invalid ID numbers in a note) are nobody's data.
   */
  addFrom(text: string): void {
    const all = (re: RegExp) => [...new Set(text.match(re) ?? [])].filter((v) => generated.has(v));
    for (const name of all(/混沌[^\s",\\]{2}\d/g)) this.add({ name, idNumber: '', accountNo: '' });
    for (const idNumber of all(/\d{17}[\dXx]/g)) this.add({ name: '', idNumber, accountNo: '' });
    for (const accountNo of all(/62284800\d{8}/g)) this.add({ name: '', idNumber: '', accountNo });
  }

  /** Strings that must appear nowhere outside PostgreSQL. */
  needles(): string[] {
    return this.people.flatMap((p) => [p.name, p.idNumber, p.accountNo]);
  }
}
