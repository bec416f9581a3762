/**
 * Demo residents of Mudan district (牡丹区), Heze: households with a head and members, IDs
 * whose area code fits when they were issued (372921, 372901 or 371702), and the values
 * clerks write (男, 汉族, 已婚, 1990/3/7). One problem at most per injected record.
 */
import type { Dataset, Pack } from '../pack/pack-schema.ts';
import { formatRuleId } from '../rules/format.ts';
import { residentIdCheckCharacter } from '../validators/resident-id.ts';
import { femaleGiven, maleGiven, surnames } from './chinese-names.ts';
import { fullWidthDigits, pad } from './demo-codes.ts';
import { daysInMonth } from './demo-dates.ts';
import {
  requireField,
  requireRule,
  type DemoGenerator,
  type DemoOptions,
  type Injection,
} from './demo-data.ts';
import { mudanAreaCodes, mudanTownships, otherHezeCounties, villageStems } from './heze-places.ts';
import { createRandom, type Random } from './random.ts';

interface Person {
  id: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  ethnic: string;
  birthPlace: string;
  household: string;
  address: string;
  currentAddress: string;
  phone: string;
  marital: string;
  education: string;
  relation: string;
}

const injectionKinds = [
  'blank-required',
  'bad-checksum',
  'sex-mismatch',
  'birth-date-mismatch',
  'unknown-code',
  'duplicate',
  'legacy-15',
  'scientific-notation',
  'full-width',
  'stray-spaces',
  'bad-phone',
  'impossible-date',
] as const;

type InjectionKind = (typeof injectionKinds)[number];

/** Writes a date the way county spreadsheets do: mostly ISO, sometimes slashes or 年月日. */
function writeDate(random: Random, iso: string): string {
  const [y, m, d] = iso.split('-');
  const style = random.int(0, 9);
  if (style < 6) return iso;
  if (style < 8) return `${y}/${Number(m)}/${Number(d)}`;
  if (style < 9) return `${y}${m}${d}`;
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** Creates the generator of demo records for the 人口基础信息 pack. */
export function createPopulationDemo(
  pack: Pack,
  dataset: Dataset,
  options: DemoOptions,
): DemoGenerator {
  const f = {
    id: requireField(dataset, 'GMSFHM'),
    name: requireField(dataset, 'XM'),
    sex: requireField(dataset, 'XB'),
    ethnic: requireField(dataset, 'MZ'),
    birthDate: requireField(dataset, 'CSRQ'),
    birthPlace: requireField(dataset, 'CSD'),
    address: requireField(dataset, 'HJDZ'),
    currentAddress: requireField(dataset, 'XZZ'),
    phone: requireField(dataset, 'LXDH'),
    marital: requireField(dataset, 'HYZK'),
    education: requireField(dataset, 'WHCD'),
    relation: requireField(dataset, 'YHZGX'),
    household: requireField(dataset, 'HH'),
  };
  const rules = {
    sex: requireRule(dataset, 'id-sex'),
    birthDate: requireRule(dataset, 'id-birth-date'),
  };
  const phoneFormat = dataset.fields[f.phone]?.format;
  if (phoneFormat === undefined) throw new Error('demo data: the phone field has no format');
  const phoneRule = formatRuleId(phoneFormat);
  const random = createRandom(options.seed);
  const todayYear = Number(options.today.slice(0, 4));
  const issuedIds = new Set<string>();
  const recent: Person[] = [];
  const injections: Injection[] = [];
  const width = dataset.fields.length;

  const createId = (area: string, birthDate: string, sex: 'male' | 'female'): string => {
    for (;;) {
      const sequence = random.int(0, 49) * 2 + (sex === 'male' ? 1 : 0) + random.int(0, 9) * 100;
      const body = `${area}${birthDate.replaceAll('-', '')}${pad(sequence, 3)}`;
      const id = body + residentIdCheckCharacter(body);
      if (!issuedIds.has(id)) {
        issuedIds.add(id);
        return id;
      }
    }
  };

  const birthDateFor = (minAge: number, maxAge: number): string => {
    const year = todayYear - random.int(minAge, maxAge);
    const month = random.int(1, 12);
    const day = random.int(1, daysInMonth(year, month));
    const iso = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
    return iso > options.today ? `${year - 1}-${pad(month, 2)}-${pad(Math.min(day, 28), 2)}` : iso;
  };

  const areaFor = (birthDate: string): string => {
    const year = Number(birthDate.slice(0, 4));
    if (random.chance(0.04)) return random.pick(otherHezeCounties);
    if (year < 1984)
      return random.weighted([
        [mudanAreaCodes.hezeCity, 5],
        [mudanAreaCodes.hezeCounty, 2],
        [mudanAreaCodes.mudan, 3],
      ]);
    if (year < 2000)
      return random.weighted([
        [mudanAreaCodes.hezeCity, 6],
        [mudanAreaCodes.mudan, 4],
      ]);
    return mudanAreaCodes.mudan;
  };

  const educationFor = (age: number): string => {
    if (age < 7) return '';
    if (age < 13) return '小学肄业';
    if (age < 16) return '初中肄业';
    return random.weighted([
      ['小学毕业', 2],
      ['初中毕业', 5],
      ['普通高中毕业', 3],
      ['中等专科毕业', 1],
      ['大学专科毕业', 2],
      ['大学本科毕业', 2],
      ['硕士研究生毕业', 0.3],
    ]);
  };

  const maritalFor = (age: number): string => {
    if (age < 20) return '未婚';
    if (age < 28)
      return random.weighted([
        ['未婚', 5],
        ['已婚', 5],
      ]);
    if (age > 70)
      return random.weighted([
        ['已婚', 6],
        ['丧偶', 4],
      ]);
    return random.weighted([
      ['已婚', 12],
      ['未婚', 1],
      ['离婚', 1],
    ]);
  };

  const mobile = (): string =>
    `1${random.pick(['3', '5', '7', '8', '9'])}${pad(random.int(0, 999_999_999), 9)}`;

  const createPerson = (
    household: string,
    address: string,
    relation: string,
    minAge: number,
    maxAge: number,
    sex?: 'male' | 'female',
  ): Person => {
    const personSex = sex ?? (random.chance(0.5) ? 'male' : 'female');
    const birthDate = birthDateFor(minAge, maxAge);
    const age = todayYear - Number(birthDate.slice(0, 4));
    const area = areaFor(birthDate);
    const given = personSex === 'male' ? maleGiven : femaleGiven;
    const name =
      random.weighted(surnames) +
      random.pick(given) +
      (random.chance(0.7) ? random.pick(given) : '');
    return {
      id: createId(area, birthDate, personSex),
      name,
      sex: personSex,
      birthDate,
      ethnic: random.weighted([
        ['汉族', 985],
        ['回族', 10],
        ['满族', 2],
        ['蒙古族', 1],
        ['壮族', 1],
      ]),
      birthPlace: area.startsWith('3729') ? mudanAreaCodes.mudan : area,
      household,
      address,
      currentAddress: random.chance(0.8)
        ? address
        : `山东省菏泽市牡丹区${random.pick(mudanTownships)}${random.pick(villageStems)}社区${random.int(1, 30)}号楼`,
      phone: age >= 16 && random.chance(0.85) ? mobile() : '',
      marital: maritalFor(age),
      education: educationFor(age),
      relation,
    };
  };

  /** Yields the members of one household: the head, maybe a spouse, children. */
  function* household(): Generator<Person> {
    const number = pad(random.int(100_000_000, 999_999_999), 9);
    const address = `山东省菏泽市牡丹区${random.pick(mudanTownships)}${random.pick(villageStems)}村${random.int(1, 300)}号`;
    const headSex = random.chance(0.75) ? 'male' : 'female';
    const head = createPerson(number, address, '户主', 25, 85, headSex);
    yield head;
    const headAge = todayYear - Number(head.birthDate.slice(0, 4));
    if (random.chance(0.7)) {
      const spouse = createPerson(
        number,
        address,
        '配偶',
        Math.max(22, headAge - 5),
        headAge + 3,
        headSex === 'male' ? 'female' : 'male',
      );
      spouse.marital = '已婚';
      head.marital = '已婚';
      yield spouse;
    }
    const children = headAge < 30 ? random.int(0, 1) : random.int(0, 3);
    for (let i = 0; i < children; i += 1) {
      const childSex = random.chance(0.5) ? 'male' : 'female';
      yield createPerson(
        number,
        address,
        childSex === 'male' ? '子' : '女',
        Math.max(0, headAge - 45),
        Math.max(0, headAge - 20),
        childSex,
      );
    }
  }

  const cellsOf = (person: Person): string[] => {
    const cells = new Array<string>(width).fill('');
    cells[f.id] = person.id;
    cells[f.name] = person.name;
    cells[f.sex] = person.sex === 'male' ? '男' : '女';
    cells[f.ethnic] = person.ethnic;
    cells[f.birthDate] = writeDate(random, person.birthDate);
    cells[f.birthPlace] = person.birthPlace;
    cells[f.address] = person.address;
    cells[f.currentAddress] = person.currentAddress;
    cells[f.phone] = person.phone;
    cells[f.marital] = person.marital;
    cells[f.education] = person.education;
    cells[f.relation] = person.relation;
    cells[f.household] = person.household;
    return cells;
  };

  const fieldName = (index: number): string => dataset.fields[index]?.name ?? '';

  /** Applies one problem to a record's cells; returns the injection, or undefined if it does not fit this person. */
  const inject = (
    row: number,
    person: Person,
    cells: string[],
    kind: InjectionKind,
  ): Injection | undefined => {
    const record = (
      index: number,
      rule: string,
      value: string,
      severity: 'error' | 'warning' = 'error',
    ): Injection => {
      const original = cells[index] ?? '';
      cells[index] = value;
      return { row, field: fieldName(index), rule, severity, kind, original, value };
    };
    switch (kind) {
      case 'blank-required':
        return record(random.pick([f.name, f.ethnic, f.sex]), 'required', '');
      case 'bad-checksum': {
        const check = person.id.slice(17);
        const other = random.pick(
          ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'].filter((c) => c !== check),
        );
        return record(f.id, 'resident-id', person.id.slice(0, 17) + other);
      }
      case 'sex-mismatch':
        return record(f.sex, rules.sex.id, person.sex === 'male' ? '女' : '男', rules.sex.severity);
      case 'birth-date-mismatch': {
        const [y, m, d] = person.birthDate.split('-').map(Number) as [number, number, number];
        const shifted =
          d < 28 ? `${y}-${pad(m, 2)}-${pad(d + 1, 2)}` : `${y}-${pad(m, 2)}-${pad(d - 1, 2)}`;
        return record(f.birthDate, rules.birthDate.id, shifted, rules.birthDate.severity);
      }
      case 'unknown-code':
        return random.chance(0.5)
          ? record(f.ethnic, 'code-table', '穿青人')
          : record(f.marital, 'code-table', '同居');
      case 'duplicate': {
        const earlier =
          recent.find((p) => p.sex === person.sex && p.birthDate === person.birthDate) ?? recent[0];
        if (earlier === undefined) return undefined;
        cells[f.sex] = earlier.sex === 'male' ? '男' : '女';
        cells[f.birthDate] = earlier.birthDate;
        return record(f.id, 'unique', earlier.id);
      }
      case 'legacy-15': {
        if (!person.birthDate.startsWith('19')) return undefined;
        const legacy = person.id.slice(0, 6) + person.id.slice(8, 17);
        return record(f.id, 'resident-id', legacy, 'warning');
      }
      case 'scientific-notation':
        return record(f.id, 'resident-id', `${person.id.slice(0, 1)}.${person.id.slice(1, 6)}E+17`);
      case 'full-width':
        return record(f.id, 'full-width', fullWidthDigits(person.id));
      case 'stray-spaces':
        return record(
          f.name,
          'whitespace',
          random.chance(0.5) ? ` ${person.name}` : `${person.name}  `,
          'warning',
        );
      case 'bad-phone':
        if (person.phone === '') return undefined;
        return record(f.phone, phoneRule, person.phone.slice(0, 10));
      case 'impossible-date': {
        const year = person.birthDate.slice(0, 4);
        return record(f.birthDate, 'date', `${year}-02-30`);
      }
    }
  };

  return {
    pack,
    dataset,
    header: dataset.fields.map((field) => field.title),
    injections,
    *rows() {
      let row = 0;
      while (row < options.rows) {
        for (const person of household()) {
          if (row >= options.rows) break;
          row += 1;
          const cells = cellsOf(person);
          let isInjected = false;
          if (random.chance(options.errorRate)) {
            for (let attempt = 0; attempt < 4; attempt += 1) {
              const injection = inject(row, person, cells, random.pick(injectionKinds));
              if (injection !== undefined) {
                injections.push(injection);
                isInjected = true;
                break;
              }
            }
          }
          // Only clean records are copied by a later duplicate: a copied invalid ID would not be
          // reported as a duplicate, since a value that fails its own check stops there.
          if (!isInjected) {
            recent.push(person);
            if (recent.length > 64) recent.shift();
          }
          yield cells;
        }
      }
    },
  };
}
