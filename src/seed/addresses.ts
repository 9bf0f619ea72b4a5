import type { Day } from './dates.js';
import { APARTMENT_NAMES, DANCHI_NAMES, OTHER_PLACES } from './lists/places.js';
import type { AddressStay } from './people.js';
import { type Random, WeightedTable } from './random.js';
import type { TownProfile } from './town.js';

/** A place in the town: the 住所 as the 住民票 prints it, 方書, and the 地番 form used for 本籍. */
export interface TownAddress {
  address: string;
  katagaki: string | null;
  postalCode: string;
  /** The same block as a 本籍 (地番 with 番地). */
  honseki: string;
}

export class AddressFactory {
  private readonly areas: WeightedTable<TownProfile['areas'][number]>;

  constructor(
    private readonly random: Random,
    private readonly town: TownProfile,
  ) {
    this.areas = new WeightedTable(town.areas.map((area) => [area, area.weight] as const));
  }

  /** An address in the town; `apartmentBias` raises the chance of a flat (young singles, foreign students). */
  inTown(apartmentBias = 0): TownAddress {
    const r = this.random;
    const area = this.areas.sample(r);
    let address: string;
    let honseki: string;
    if (area.chome === 0) {
      const banchi = r.int(1, 3200);
      const edaban = r.chance(0.3) ? `の${r.int(1, 12)}` : '';
      address = `${this.town.prefix}${area.name}${banchi}番地${edaban}`;
      honseki = `${this.town.prefix}${area.name}${banchi}番地`;
    } else {
      const chome = r.int(1, area.chome);
      const ban = r.int(1, 28);
      address = `${this.town.prefix}${area.name}${chome}丁目${ban}番${r.int(1, 24)}号`;
      honseki = `${this.town.prefix}${area.name}${chome}丁目${ban}番地`;
    }
    let katagaki: string | null = null;
    if (r.chance(Math.min(0.95, area.apartments + apartmentBias))) {
      const areaShort = area.name.replace(/^大字/, '').replace(/町$/, '');
      if (r.chance(0.12)) {
        const name = r.pick(DANCHI_NAMES).replace('{area}', areaShort);
        katagaki = `${name}${r.int(1, 12)}号棟${r.int(1, 5)}0${r.int(1, 8)}号室`;
      } else {
        const name = r.pick(APARTMENT_NAMES).replace('{area}', areaShort);
        const floor = r.chance(0.8) ? r.int(1, 5) : r.int(6, 14);
        katagaki = `${name} ${floor}${String(r.int(1, 12)).padStart(2, '0')}号室`;
      }
    }
    return { address, katagaki, postalCode: area.postalCode, honseki };
  }

  /** A street address in another municipality. */
  elsewhere(): string {
    const r = this.random;
    const [city, towns] = r.pick(OTHER_PLACES);
    const building = r.chance(0.35)
      ? ` ${r.pick(['コーポ', 'ハイツ', 'メゾン'])}${r.pick(towns)}${r.int(1, 4)}0${r.int(1, 9)}号室`
      : '';
    return `${city}${r.pick(towns)}${r.int(1, 5)}丁目${r.int(1, 30)}番${r.int(1, 20)}号${building}`;
  }

  /** A 本籍 in another municipality. */
  honsekiElsewhere(): string {
    const r = this.random;
    const [city, towns] = r.pick(OTHER_PLACES);
    return r.chance(0.5)
      ? `${city}${r.pick(towns)}${r.int(1, 5)}丁目${r.int(1, 40)}番地`
      : `${city}${r.pick(towns)}${r.int(1, 2500)}番地`;
  }

  /** A birthplace as a 戸籍 writes it (都道府県 and 市区町村). */
  birthplace(inTown: boolean): string {
    if (inTown) return this.town.prefix;
    const [city] = this.random.pick(OTHER_PLACES);
    return city.replace(/(市|町|村)(.+区)$/, '$1');
  }

  stayElsewhere(since: Day): AddressStay {
    return { address: this.elsewhere(), katagaki: null, postalCode: null, since, inTown: false };
  }

  stayInTown(place: TownAddress, since: Day): AddressStay {
    return {
      address: place.address,
      katagaki: place.katagaki,
      postalCode: place.postalCode,
      since,
      inTown: true,
    };
  }
}
